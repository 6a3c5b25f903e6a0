import type { Logger } from '@travel/logger';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { ResponseCache } from './response-cache.ts';

/** The bookings subgraph's channel (subgraphs/bookings/src/events/channels.ts). */
export const BOOKING_CHANGED = 'bookings:booking-changed';

/**
 * What a booking change makes stale: the booking, the guest's lists and the room type's
 * availability. Fields are checked one by one: the event comes from outside.
 */
export function tagsOfBookingChange(event: unknown): string[] {
  if (event === null || typeof event !== 'object') return [];
  const { bookingId, guestId, roomTypeId } = event as Record<string, unknown>;
  const tags: string[] = [];
  if (typeof bookingId === 'string') tags.push(`Booking:${bookingId}`);
  if (typeof roomTypeId === 'string') tags.push(`RoomType:${roomTypeId}`);
  if (typeof guestId === 'string') tags.push(`User:${guestId}`);
  return tags;
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
export function invalidateOnBookingChanges(options: BookingInvalidationsOptions) {
  const { pubsub, cache, log, retryMs = 1000 } = options;
  let subscription: Promise<number | undefined> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;

  const subscribe = () => {
    const onEvent = (event: unknown) => void cache.invalidate(tagsOfBookingChange(event));
    subscription = pubsub.subscribe(BOOKING_CHANGED, onEvent, {}).catch((err: unknown) => {
      if (stopped) return undefined;
      log.warn({ err }, 'booking events unavailable to the response cache; retrying');
      retry = setTimeout(subscribe, retryMs);
      retry.unref();
      return undefined;
    });
  };

  return {
    /** Subscribes in the background; never rejects. */
    start: subscribe,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const id = await Promise.race([subscription, delay(retryMs)]);
      if (id !== undefined) await pubsub.unsubscribe(id);
    },
  };
}

const delay = (ms: number) =>
  new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref());
