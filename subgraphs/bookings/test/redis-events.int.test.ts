import { testRedisUrl } from '@travel/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createBookingEvents } from '../src/events/booking-events.ts';
import { BOOKING_CHANGED } from '../src/events/channels.ts';
import { createRedisPubSub } from '../src/events/redis-pubsub.ts';

const pubsub = createRedisPubSub(testRedisUrl());
const listener = new Redis(testRedisUrl());

afterAll(async () => {
  await pubsub.close();
  listener.disconnect();
});

describe('booking events over Redis', () => {
  it('publishes JSON on the Redis channel bookings:booking-changed, for any instance to read', async () => {
    await listener.subscribe(BOOKING_CHANGED);
    const received = new Promise<{ channel: string; message: string }>((resolve) => {
      listener.once('message', (channel: string, message: string) => resolve({ channel, message }));
    });
    const events = createBookingEvents({ pubsub, log: { error() {} } });
    await events.changed({
      id: 'b1',
      guestId: 'g1',
      hotelId: 'h1',
      roomTypeId: 'r1',
      status: 'CANCELLED',
    });
    const { channel, message } = await received;
    expect(channel).toBe('bookings:booking-changed');
    expect(JSON.parse(message)).toEqual({
      bookingId: 'b1',
      guestId: 'g1',
      hotelId: 'h1',
      roomTypeId: 'r1',
      status: 'CANCELLED',
    });
  });
});
