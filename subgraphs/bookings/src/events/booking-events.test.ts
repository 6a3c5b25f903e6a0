import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { describe, expect, it, vi } from 'vitest';
import { createBookingEvents } from './booking-events.ts';
import { BOOKING_CHANGED } from './channels.ts';

const booking = {
  id: 'b1',
  guestId: 'g1',
  hotelId: 'h1',
  roomTypeId: 'r1',
  status: 'CONFIRMED' as const,
};

describe('createBookingEvents', () => {
  it('publishes the small event on the booking-changed channel', async () => {
    const pubsub = new PubSub();
    const received: unknown[] = [];
    await pubsub.subscribe(BOOKING_CHANGED, (event: unknown) => received.push(event));
    await createBookingEvents({ pubsub, log: { error() {} } }).changed({
      ...booking,
      extra: 1,
    } as never);
    expect(received).toEqual([
      { bookingId: 'b1', guestId: 'g1', hotelId: 'h1', roomTypeId: 'r1', status: 'CONFIRMED' },
    ]);
  });

  it('logs a failed publish instead of throwing', async () => {
    const error = vi.fn();
    const pubsub = {
      publish: () => Promise.reject(new Error('redis down')),
    } as unknown as PubSubEngine;
    await expect(
      createBookingEvents({ pubsub, log: { error } }).changed(booking),
    ).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledOnce();
  });

  it('gives up on a publish that hangs', async () => {
    const error = vi.fn();
    const pubsub = { publish: () => new Promise(() => {}) } as unknown as PubSubEngine;
    await createBookingEvents({ pubsub, log: { error }, timeoutMs: 10 }).changed(booking);
    expect(error).toHaveBeenCalledOnce();
  });
});
