import type { RedisClient } from '@travel/redis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RLWrapperTimeouts,
} from 'rate-limiter-flexible';

export interface ThrottleStore {
  /** Shared counters; absent: in process (one instance only). */
  redis?: RedisClient;
  /** Redis key prefix (`accounts:`): counters live under `<prefix>throttle:<name>:<key>`. */
  keyPrefix: string;
  /** A Redis call slower than this (or failing) uses this instance's own counters instead. */
  timeoutMs: number;
}

/**
 * `points` per `durationSeconds` window, in Redis when there is one. Redis away or slow never
 * fails or holds up a sign-in: the call goes to an in-process limiter of the same shape
 * (rate-limiter-flexible's insurance limiter), so each instance still throttles on its own.
 */
export function createThrottleLimiter(
  store: ThrottleStore,
  name: string,
  points: number,
  durationSeconds: number,
): RateLimiterAbstract {
  const options = {
    points,
    duration: durationSeconds,
    keyPrefix: `${store.keyPrefix}throttle:${name}`,
  };
  const memory = new RateLimiterMemory(options);
  if (!store.redis) return memory;
  return new RLWrapperTimeouts({
    limiter: new RateLimiterRedis({
      ...options,
      storeClient: store.redis,
      rejectIfRedisNotReady: true,
    }),
    timeoutMs: store.timeoutMs,
    insuranceLimiter: memory,
  });
}
