import type { Logger } from '@travel/logger';
import { Redis } from 'ioredis';

export interface RedisConnections {
  /** Commands (APQ store, response cache, rate limits, publishing). */
  client: Redis;
  /** A connection in subscriber mode can run nothing else: one more, made on first use. */
  subscriber(): Redis;
  close(): Promise<void>;
}

/**
 * The router's only Redis connections. Commands fail fast instead of queueing while Redis is
 * down (`enableOfflineQueue: false`, one retry): callers bypass Redis rather than wait, and
 * ioredis keeps reconnecting in the background.
 */
export function createRedisConnections(url: string, log: Logger): RedisConnections {
  const connect = (role: string) => {
    const redis = new Redis(url, {
      enableOfflineQueue: role === 'subscriber',
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
