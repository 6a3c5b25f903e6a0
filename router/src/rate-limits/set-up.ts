import type { Logger } from '@travel/logger';
import type { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import type { RedisConnections } from '../redis.ts';
import { createRateLimitMetrics } from './metrics.ts';
import { rateLimitPlugin } from './rate-limit-plugin.ts';
import { createRateLimits, type RateLimits } from './rate-limits.ts';

export interface RateLimitSetUpOptions {
  config: Pick<
    Config,
    | 'REDIS_KEY_PREFIX'
    | 'RATE_LIMIT_WINDOW_SECONDS'
    | 'RATE_LIMIT_ANONYMOUS_POINTS'
    | 'RATE_LIMIT_USER_POINTS'
    | 'RATE_LIMIT_PARTNER_POINTS'
    | 'RATE_LIMIT_TIMEOUT_MS'
  >;
  log: Logger;
  /** The router's Redis; absent in embedded mode (limits are then per instance). */
  redis: RedisConnections | undefined;
  registry: Registry;
}

/** Rate limits as the router wires them: the limits (shared with subscriptions) and the plugin. */
export function setUpRateLimits({ config, log, redis, registry }: RateLimitSetUpOptions): {
  limits: RateLimits;
  plugin: ReturnType<typeof rateLimitPlugin>;
} {
  const limits = createRateLimits({
    redis: redis?.client,
    keyPrefix: config.REDIS_KEY_PREFIX,
    windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    points: {
      anonymous: config.RATE_LIMIT_ANONYMOUS_POINTS,
      user: config.RATE_LIMIT_USER_POINTS,
      partner: config.RATE_LIMIT_PARTNER_POINTS,
    },
    timeoutMs: config.RATE_LIMIT_TIMEOUT_MS,
    metrics: createRateLimitMetrics(registry),
    log: log.child({ feature: 'rate-limits' }),
  });
  return { limits, plugin: rateLimitPlugin(limits) };
}
