import type { Logger } from '@travel/logger';
import { createRedisConnection, type RedisClient } from '@travel/redis';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { createEntityChangePubSub } from './entity-change-pubsub.ts';
import { createEntityChangePublisher, type EntityChangePublisher } from './entity-changes.ts';

export interface ServiceConnectionsOptions {
  /** The subgraph's REDIS_URL; default none. */
  redisUrl?: string | undefined;
  /** A PubSub the caller owns (the stack's, shared with its router); never closed here. */
  pubsub?: PubSubEngine | undefined;
  log: Pick<Logger, 'warn' | 'error' | 'info'>;
}

/** What a subgraph connects to beyond its database, made when a part first asks. */
export interface ServiceConnections {
  /**
   * Where entity changes go and a publisher on it: the given PubSub, else Redis pub/sub on
   * REDIS_URL, else one in this process (one instance only; said when made).
   */
  changes(): { pubsub: PubSubEngine; publisher: EntityChangePublisher };
  /** A Redis connection on REDIS_URL (with outage logging), the same for every call; else none. */
  redis(role: string): RedisClient | undefined;
  /** Closes what these made (never the given PubSub). */
  close(): Promise<void>;
}

export function createServiceConnections({
  redisUrl,
  pubsub: given,
  log,
}: ServiceConnectionsOptions): ServiceConnections {
  let changes: { pubsub: PubSubEngine; publisher: EntityChangePublisher } | undefined;
  let redisPubSub: ReturnType<typeof createEntityChangePubSub> | undefined;
  let redis: RedisClient | undefined;
  const pubsubFor = (): PubSubEngine => {
    if (given) return given;
    if (redisUrl) {
      redisPubSub = createEntityChangePubSub(redisUrl, log);
      return redisPubSub;
    }
    log.warn('REDIS_URL is not set: entity changes stay in this process');
    return new PubSub();
  };
  return {
    changes() {
      if (!changes) {
        const pubsub = pubsubFor();
        changes = { pubsub, publisher: createEntityChangePublisher({ pubsub, log }) };
      }
      return changes;
    },
    redis(role) {
      if (redisUrl) redis ??= createRedisConnection(redisUrl, { role, log });
      return redis;
    },
    async close() {
      // Redis may be away (restarting) as the service stops. Closing ends what the connections
      // held anyway, so a failed QUIT must not cut the rest of the shutdown short.
      const closing = [redisPubSub?.close(), redis?.quit()];
      await Promise.all(closing.map((step) => step?.catch(() => undefined)));
    },
  };
}
