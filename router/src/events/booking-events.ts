import type { Logger } from '@travel/logger';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { PubSubEngine } from 'graphql-subscriptions';
import { z } from 'zod';
import type { RedisConnections } from '../redis.ts';

/**
 * The channel the bookings subgraph publishes a notice on after every committed status change
 * (subgraphs/bookings/src/events/channels.ts; the router does not import the subgraph).
 */
export const BOOKING_CHANGED = 'bookings:booking-changed';

/**
 * A notice, not the data: subscribers re-read the booking with their own identity, the
 * response cache drops what it names. Validated: the event comes from outside the router.
 */
const BookingChanged = z.object({
  bookingId: z.string().min(1),
  guestId: z.string().min(1),
  hotelId: z.string().min(1),
  /** Its availability changed; optional so events of an older bookings subgraph still parse. */
  roomTypeId: z.string().min(1).optional(),
  status: z.enum(['PENDING', 'CONFIRMED', 'CANCELLED']),
});
export type BookingChanged = z.infer<typeof BookingChanged>;

/** Booking events over the router's own Redis connections (one subscriber connection). */
export function redisBookingPubSub(redis: RedisConnections): PubSubEngine {
  return new RedisPubSub({ publisher: redis.client, subscriber: redis.subscriber() });
}

export interface BookingEventSourceOptions {
  pubsub: PubSubEngine;
  log: Logger;
  /** Called once per well-formed event. */
  onEvent(event: BookingChanged): void;
  /** Wait before trying again when subscribing fails (Redis down at start); default 1000 ms. */
  retryMs?: number;
}

export interface BookingEventSource {
  /** Subscribes to the channel in the background; resolves at once, never rejects. */
  start(): void;
  stop(): Promise<void>;
}

/**
 * One channel subscription per consumer (subscriptions, response cache) for the whole router
 * instance, however many clients subscribe: every local subscriber is served from it. Once subscribed, ioredis re-subscribes by itself
 * after Redis comes back; a subscription that never got through (Redis down at start) is
 * retried here until it does.
 */
export function createBookingEventSource({
  pubsub,
  log,
  onEvent,
  retryMs = 1000,
}: BookingEventSourceOptions): BookingEventSource {
  let subscription: Promise<number | undefined> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;

  const receive = (message: unknown) => {
    const parsed = BookingChanged.safeParse(message);
    if (!parsed.success) {
      log.warn({ message, channel: BOOKING_CHANGED }, 'malformed booking event dropped');
      return;
    }
    onEvent(parsed.data);
  };

  const subscribe = () => {
    subscription = pubsub.subscribe(BOOKING_CHANGED, receive, {}).then(
      (id) => id,
      (err: unknown) => {
        if (stopped) return undefined;
        log.warn({ err, channel: BOOKING_CHANGED }, 'booking events unavailable; retrying');
        retry = setTimeout(subscribe, retryMs);
        retry.unref();
        return undefined;
      },
    );
  };

  return {
    start: subscribe,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      // A subscribe still waiting on a Redis that is down must not hold up a shutdown.
      const id = await Promise.race([subscription, delay(retryMs)]);
      if (id !== undefined) await pubsub.unsubscribe(id);
    },
  };
}

const delay = (ms: number) =>
  new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref());
