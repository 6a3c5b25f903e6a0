import type { Logger } from '@travel/logger';
import { Redis } from 'ioredis';

export interface RedisConnections {
  /** Commands (APQ store, response cache, rate limits, publishing). */
  client: Redis;
  /** A connection in subscriber mode can run nothing else: one more, made on first use. */
  subscriber(): Redis;
  close(): Promise<void>;
}

export interface RedisConnectionsOptions {
  /**
   * ioredis's `commandTimeout` of the command connection, in ms: a command unanswered this
   * long is rejected, so a stalled Redis (paused, swapping) cannot hold a caller. Callers also
   * bound their own calls (REDIS_TIMEOUT_MS); this is the backstop for every other command.
   */
  commandTimeoutMs: number;
}

/**
 * The router's only Redis connections. While Redis is down, commands fail fast instead of
 * queueing (`enableOfflineQueue: false`); while it is up but stalled, they fail after
 * `commandTimeoutMs`. Callers bypass Redis rather than wait, and ioredis keeps reconnecting in
 * the background. The subscriber keeps an offline queue (a SUBSCRIBE issued before the
 * connection is up must wait for it), which stays small and short-lived: it holds only
 * (un)subscribe commands, and `maxRetriesPerRequest: 1` fails them after a failed reconnect.
 * It has no command timeout: nothing on a request's path waits for it, and a SUBSCRIBE given
 * up client-side might still be applied by Redis.
 */
export function createRedisConnections(
  url: string,
  log: Logger,
  { commandTimeoutMs }: RedisConnectionsOptions,
): RedisConnections {
  const connect = (role: 'client' | 'subscriber') => {
    const subscriber = role === 'subscriber';
    const redis = new Redis(url, {
      enableOfflineQueue: subscriber,
      ...(subscriber ? {} : { commandTimeout: commandTimeoutMs }),
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      // Reconnect forever, backing off up to 2 s.
      retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    });
    let down = false;
    redis.on('error', (err) => {
      if (!down) log.warn({ err, role }, 'redis unavailable');
      down = true;
    });
    redis.on('ready', () => {
      if (down) log.info({ role }, 'redis available again');
      down = false;
    });
    return redis;
  };
  const client = connect('client');
  let subscriber: Redis | undefined;
  return {
    client,
    subscriber: () => {
      subscriber ??= connect('subscriber');
      return subscriber;
    },
    async close() {
      await Promise.all([client, subscriber].map((redis) => redis?.quit().catch(() => undefined)));
    },
  };
}
