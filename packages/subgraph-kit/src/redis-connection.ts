import { Redis } from 'ioredis';

interface WarnLog {
  warn(details: object, message: string): void;
}

export interface RedisConnectionOptions {
  /** What the connection is for, in its log lines (`publisher`, `rate-limits` …). */
  role: string;
  log?: WarnLog;
}

/**
 * A subgraph's Redis connection. Commands fail after one retry instead of queueing for long
 * while Redis is away: a request never waits on Redis. Connection errors are logged once per
 * outage (without a listener ioredis prints "Unhandled error event" on every reconnect).
 */
export function createRedisConnection(url: string, { role, log }: RedisConnectionOptions): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: false });
  let down = false;
  redis.on('error', (err) => {
    if (!down) log?.warn({ err, role }, 'redis unavailable');
    down = true;
  });
  redis.on('ready', () => {
    down = false;
  });
  return redis;
}
