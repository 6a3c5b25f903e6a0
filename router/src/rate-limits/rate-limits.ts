import type { Logger } from '@travel/logger';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { isTimeout, withDeadline } from '../deadline.ts';
import type { RedisClient } from '../redis.ts';
import type { RateLimitState } from './headers.ts';
import type { RateLimitIdentity, RateLimitPolicyName } from './identity.ts';

export interface RateLimitsOptions {
  /** The router's command connection; absent: in-process counters (one instance only). */
  redis?: RedisClient;
  /** Prefix of the router's Redis keys; counters live under `<prefix>rl:<policy>:<key>`. */
  keyPrefix: string;
  windowSeconds: number;
  /** Points per window for each policy. */
  points: Record<RateLimitPolicyName, number>;
  /** A check slower than this (REDIS_TIMEOUT_MS) is abandoned and the operation let through. */
  timeoutMs: number;
  /** Counts refusals, by policy. */
  onRefused(policy: RateLimitPolicyName): void;
  /** Counts checks that failed or timed out, whose operations were let through. */
  onFailOpen(reason: 'timeout' | 'error'): void;
  log: Logger;
}

/** The outcome of one spend: `allowed`, and where the identity stands for the headers. */
export interface RateLimitDecision extends RateLimitState {
  allowed: boolean;
}

export interface RateLimits {
  /**
   * Spends `cost` points (at least 1, at most the whole quota) of `identity`'s window. Never
   * rejects and never waits past the deadline: a limiter that fails or is slow lets the
   * operation through (fail open) and counts it.
   */
  spend(identity: RateLimitIdentity, cost: number): Promise<RateLimitDecision>;
}

/** Per-identity points over a fixed window, shared through Redis by every router instance. */
export function createRateLimits(options: RateLimitsOptions): RateLimits {
  const { redis, keyPrefix, windowSeconds, timeoutMs, log } = options;
  const limiterFor = (policy: RateLimitPolicyName): RateLimiterAbstract => {
    const settings = {
      points: options.points[policy],
      duration: windowSeconds,
      keyPrefix: `${keyPrefix}rl:${policy}`,
    };
    // Not ready means reject at once (then fail open) rather than queue behind a reconnect.
    return redis
      ? new RateLimiterRedis({ ...settings, storeClient: redis, rejectIfRedisNotReady: true })
      : new RateLimiterMemory(settings);
  };
  const limiters = {
    anonymous: limiterFor('anonymous'),
    user: limiterFor('user'),
    partner: limiterFor('partner'),
  };

  return {
    async spend({ policy, key }, cost) {
      const limit = options.points[policy];
      const state = { policy, limit, windowSeconds };
      // An operation dearer than the whole quota empties it rather than never running at all.
      const points = Math.min(Math.max(1, Math.ceil(cost)), limit);
      try {
        const consumed = limiters[policy].consume(key, points);
        // In memory it settles at once: no timer to race it against.
        const res = await (redis ? withDeadline(consumed, timeoutMs) : consumed);
        return { ...state, allowed: true, ...standing(res) };
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes) {
          options.onRefused(policy);
          return { ...state, allowed: false, ...standing(outcome) };
        }
        const reason = isTimeout(outcome) ? 'timeout' : 'error';
        options.onFailOpen(reason);
        log.debug({ err: outcome, reason }, 'rate limit not checked; operation let through');
        return { ...state, allowed: true };
      }
    },
  };
}

const standing = (res: RateLimiterRes) => ({
  remaining: res.remainingPoints,
  resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
});
