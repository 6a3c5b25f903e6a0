import type { Logger } from '@travel/logger';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { createEntityChangePubSub } from './entity-change-pubsub.ts';

export interface ServicePubSubOptions {
  /** One the caller owns (the stack's, shared with its router); never closed here. */
  pubsub?: PubSubEngine | undefined;
  /** The subgraph's REDIS_URL: without `pubsub`, entity changes go through Redis pub/sub. */
  redisUrl?: string | undefined;
  log: Pick<Logger, 'warn'>;
}

/**
 * Where a subgraph publishes its entity changes: the given PubSub, else Redis pub/sub on
 * REDIS_URL (closed by `close()`), else one in this process (one instance only; said at start).
 */
export interface ServicePubSub {
  pubsub: PubSubEngine;
  /** Closes the Redis connections this made; nothing else. */
  close(): Promise<void>;
}

export function servicePubSub({ pubsub, redisUrl, log }: ServicePubSubOptions): ServicePubSub {
  if (pubsub) return { pubsub, close: async () => {} };
  if (redisUrl) {
    const redis = createEntityChangePubSub(redisUrl, log);
    return { pubsub: redis, close: async () => void (await redis.close()) };
  }
  log.warn('REDIS_URL is not set: entity changes stay in this process');
  return { pubsub: new PubSub(), close: async () => {} };
}
