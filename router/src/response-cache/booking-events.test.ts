import { createLogger } from '@travel/logger';
import { PubSub } from 'graphql-subscriptions';
import { describe, expect, it } from 'vitest';
import { BOOKING_CHANGED } from '../events/booking-events.ts';
import { invalidateOnBookingChanges, tagsOfBookingChange } from './booking-events.ts';
import type { ResponseCache } from './response-cache.ts';

const event = (n: number, extra: object = {}) => ({
  bookingId: `b${n}`,
  guestId: `g${n}`,
  hotelId: `h${n}`,
  status: 'CONFIRMED',
  ...extra,
});

describe('tagsOfBookingChange', () => {
  it('names the booking, its room type and its guest', () => {
    const tags = tagsOfBookingChange({ ...event(1), status: 'CONFIRMED', roomTypeId: 'r1' });
    expect(tags).toEqual(['Booking:b1', 'RoomType:r1', 'User:g1']);
  });
});

describe('invalidateOnBookingChanges', () => {
  it('invalidates on each well-formed event until stopped', async () => {
    const pubsub = new PubSub();
    const invalidated: string[][] = [];
    const cache = {
      invalidate: async (tags: Iterable<string>) => void invalidated.push([...tags]),
    } as ResponseCache;
    const log = createLogger({ service: 'test', level: 'silent' });
    const events = invalidateOnBookingChanges({ pubsub, cache, log });
    events.start();
    await new Promise(setImmediate);
    await pubsub.publish(BOOKING_CHANGED, event(1, { roomTypeId: 'r1' }));
    await pubsub.publish(BOOKING_CHANGED, { bookingId: 7, guestId: 'g1' }); // malformed: dropped
    await events.stop();
    await pubsub.publish(BOOKING_CHANGED, event(2));
    expect(invalidated).toEqual([['Booking:b1', 'RoomType:r1', 'User:g1']]);
  });
});
