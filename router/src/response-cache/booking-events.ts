import type { Logger } from '@travel/logger';
import type { PubSubEngine } from 'graphql-subscriptions';
import { type BookingChanged, createBookingEventSource } from '../events/booking-events.ts';
import type { ResponseCache } from './response-cache.ts';

/** What a booking change makes stale: the booking, its room type's availability, the guest's lists. */
export function tagsOfBookingChange(event: BookingChanged): string[] {
  return [
    `Booking:${event.bookingId}`,
    ...(event.roomTypeId ? [`RoomType:${event.roomTypeId}`] : []),
    `User:${event.guestId}`,
  ];
}

export interface BookingInvalidationsOptions {
  /** Booking events: Redis pub/sub with REDIS_URL, else the in-process engine. */
  pubsub: PubSubEngine;
  cache: ResponseCache;
  log: Logger;
  /** Wait before subscribing again when it failed (Redis down at start); default 1000 ms. */
  retryMs?: number;
}

/**
 * Invalidates on every booking event, so changes no request carried (the hold sweeper
 * cancelling expired holds) reach the cache too. Changes made through a router were already
 * invalidated before their answer; doing it again is harmless.
 */
export function invalidateOnBookingChanges({
  pubsub,
  cache,
  log,
  retryMs,
}: BookingInvalidationsOptions) {
  return createBookingEventSource({
    pubsub,
    log,
    retryMs,
    onEvent: (event) => void cache.invalidate(tagsOfBookingChange(event)),
  });
}
