import type { Logger } from '@travel/logger';
import type { Config } from '../config.ts';
import type { RouterMetrics } from '../http/metrics.ts';
import type { RedisConnections } from '../redis.ts';
import { createRateLimitRefusals } from './metrics.ts';
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
    | 'RATE_LIMIT_SYNC_MS'
    | 'REDIS_TIMEOUT_MS'
  >;
  log: Logger;
  /** The router's Redis; absent in embedded mode (limits are then per instance). */
  redis: RedisConnections | undefined;
  /** The router's registry, and `redis_fallbacks_total` for checks let through. */
  metrics: Pick<RouterMetrics, 'registry' | 'redisFallbacks'>;
}

/** Rate limits as the router wires them: the limits (shared with subscriptions) and the plugin. */
export function setUpRateLimits({ config, log, redis, metrics }: RateLimitSetUpOptions): {
  limits: RateLimits;
  plugin: ReturnType<typeof rateLimitPlugin>;
} {
  const refusals = createRateLimitRefusals(metrics.registry);
  const limits = createRateLimits({
    redis: redis?.client,
    keyPrefix: config.REDIS_KEY_PREFIX,
    windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    points: {
      anonymous: config.RATE_LIMIT_ANONYMOUS_POINTS,
      user: config.RATE_LIMIT_USER_POINTS,
      partner: config.RATE_LIMIT_PARTNER_POINTS,
    },
    timeoutMs: config.REDIS_TIMEOUT_MS,
    syncMs: config.RATE_LIMIT_SYNC_MS,
    onRefused: (policy) => refusals.inc({ policy }),
    onFailOpen: (reason) =>
      metrics.redisFallbacks.inc({ store: 'rate_limits', op: 'consume', reason }),
    log: log.child({ feature: 'rate-limits' }),
  });
  return { limits, plugin: rateLimitPlugin(limits) };
}
