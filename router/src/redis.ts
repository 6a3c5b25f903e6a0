import type { Logger } from '@travel/logger';
import { createRedisConnection, type RedisClient } from '@travel/redis';
import type { Redis } from 'ioredis';

export type { RedisClient } from '@travel/redis';

export interface RedisConnections {
  /** Commands (APQ store, response cache, rate limits, publishing). */
  client: RedisClient;
  /** A connection in subscriber mode can run nothing else: one more, made on first use. */
  subscriber(): RedisClient;
  /**
   * The connection Redis sends key invalidations to (client-side caching, for the response
   * cache's near cache), made on first use; undefined on a Cluster, whose invalidations come
   * from every master. Its own connection: it turns tracking on for itself, then subscribes.
   */
  invalidations(): Redis | undefined;
  close(): Promise<void>;
}

export interface RedisConnectionsOptions {
  /**
   * ioredis's `commandTimeout` of the command connection, in ms: the backstop behind every
   * caller's own REDIS_TIMEOUT_MS deadline.
   */
  commandTimeoutMs: number;
}

/**
 * The router's only Redis connections (@travel/redis's policy: fail fast, never queue while
 * Redis is away). The subscriber waits until ready instead (a SUBSCRIBE issued before the
 * connection is up must wait for it) and has no command timeout: nothing on a request's path
 * waits for it, and a SUBSCRIBE given up client-side might still be applied by Redis. Pub/sub
 * is classic (SUBSCRIBE/PUBLISH): a Cluster forwards every message to every node, so the
 * subscriber may sit on any one of them.
 */
export function createRedisConnections(
  url: string,
  log: Logger,
  { commandTimeoutMs }: RedisConnectionsOptions,
): RedisConnections {
  // Every request's commands go through it: concurrent requests' ones share writes.
  const client = createRedisConnection(url, {
    role: 'client',
    commandTimeoutMs,
    autoPipelining: true,
    log,
  });
  let subscriber: RedisClient | undefined;
  let invalidations: RedisClient | undefined;
  return {
    client,
    subscriber: () => {
      subscriber ??= createRedisConnection(url, { role: 'subscriber', waitUntilReady: true, log });
      return subscriber;
    },
    invalidations: () => {
      if (client.isCluster) return undefined;
      invalidations ??= createRedisConnection(url, {
        role: 'response cache invalidations',
        autoResubscribe: false,
        log,
      });
      return invalidations as Redis;
    },
    async close() {
      await Promise.all(
        [client, subscriber, invalidations].map((redis) => redis?.quit().catch(() => undefined)),
      );
    },
  };
}
