import { createLogger } from '@travel/logger';
import { PubSub } from 'graphql-subscriptions';
import { describe, expect, it } from 'vitest';
import {
  BOOKING_CHANGED,
  invalidateOnBookingChanges,
  tagsOfBookingChange,
} from './booking-events.ts';
import type { ResponseCache } from './response-cache.ts';

describe('tagsOfBookingChange', () => {
  it('names the booking, its room type and its guest', () => {
    const event = { bookingId: 'b1', guestId: 'g1', hotelId: 'h1', roomTypeId: 'r1' };
    expect(tagsOfBookingChange(event)).toEqual(['Booking:b1', 'RoomType:r1', 'User:g1']);
  });

  it('takes only string fields of an object', () => {
    expect(tagsOfBookingChange({ bookingId: 7, guestId: 'g1' })).toEqual(['User:g1']);
    expect(tagsOfBookingChange('b1')).toEqual([]);
    expect(tagsOfBookingChange(null)).toEqual([]);
  });
});

describe('invalidateOnBookingChanges', () => {
  it('invalidates on each event until stopped', async () => {
    const pubsub = new PubSub();
    const invalidated: string[][] = [];
    const cache = {
      invalidate: async (tags: Iterable<string>) => void invalidated.push([...tags]),
    } as ResponseCache;
    const log = createLogger({ service: 'test', level: 'silent' });
    const events = invalidateOnBookingChanges({ pubsub, cache, log });
    events.start();
    await new Promise(setImmediate);
    await pubsub.publish(BOOKING_CHANGED, { bookingId: 'b1', guestId: 'g1', roomTypeId: 'r1' });
    await events.stop();
    await pubsub.publish(BOOKING_CHANGED, { bookingId: 'b2', guestId: 'g2' });
    expect(invalidated).toEqual([['Booking:b1', 'RoomType:r1', 'User:g1']]);
  });
});
