import type { Logger } from '@travel/logger';
import { createRedisConnection, type RedisClient } from '@travel/redis';

export type { RedisClient } from '@travel/redis';

export interface RedisConnections {
  /** Commands (APQ store, response cache, rate limits, publishing). */
  client: RedisClient;
  /** A connection in subscriber mode can run nothing else: one more, made on first use. */
  subscriber(): RedisClient;
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
  return {
    client,
    subscriber: () => {
      subscriber ??= createRedisConnection(url, { role: 'subscriber', waitUntilReady: true, log });
      return subscriber;
    },
    async close() {
      await Promise.all([client, subscriber].map((redis) => redis?.quit().catch(() => undefined)));
    },
  };
}
