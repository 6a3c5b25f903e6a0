import {
  ENTITY_CHANGES_CHANNEL,
  type EntityChange,
  EntityChangeSchema,
} from '@travel/entity-changes';
import type { Logger } from '@travel/logger';
import { createRedisPubSub } from '@travel/redis';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { RedisConnections } from '../redis.ts';

/** Entity changes over the router's own Redis connections (one subscriber connection). */
export function redisEntityChangePubSub(redis: RedisConnections): PubSubEngine {
  return createRedisPubSub({ publisher: redis.client, subscriber: redis.subscriber() });
}

export interface EntityChangeSourceOptions {
  pubsub: PubSubEngine;
  log: Logger;
  /** Called once per well-formed event. */
  onEvent(event: EntityChange): void;
  /** Wait before trying again when subscribing fails (Redis down at start); default 1000 ms. */
  retryMs?: number;
}

export interface EntityChangeSource {
  /** Subscribes to the channel in the background; resolves at once, never rejects. */
  start(): void;
  stop(): Promise<void>;
}

/**
 * One subscription to the entity-change channel per consumer (subscriptions, response cache)
 * for the whole router instance, however many clients subscribe. Every message is validated
 * with the contract's schema: it comes from outside the router, a malformed one is logged and
 * dropped. Once subscribed, ioredis re-subscribes by itself after Redis comes back; a
 * subscription that never got through (Redis down at start) is retried here until it does.
 */
export function createEntityChangeSource({
  pubsub,
  log,
  onEvent,
  retryMs = 1000,
}: EntityChangeSourceOptions): EntityChangeSource {
  let subscription: Promise<number | undefined> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;

  const receive = (message: unknown) => {
    const parsed = EntityChangeSchema.safeParse(message);
    if (!parsed.success) {
      log.warn({ message, channel: ENTITY_CHANGES_CHANNEL }, 'malformed entity change dropped');
      return;
    }
    onEvent(parsed.data);
  };

  const subscribe = () => {
    subscription = pubsub.subscribe(ENTITY_CHANGES_CHANNEL, receive, {}).then(
      (id) => id,
      (err: unknown) => {
        if (stopped) return undefined;
        log.warn({ err, channel: ENTITY_CHANGES_CHANNEL }, 'entity changes unavailable; retrying');
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
