import type { Logger } from '@travel/logger';
import type { RedisClient } from '../redis.ts';
import { type RateLimitState, resetSecondsIn } from './headers.ts';
import type { RateLimitIdentity, RateLimitPolicyName } from './identity.ts';
import { createMemoryWindows } from './memory-windows.ts';
import { spendInRedis } from './spend-in-redis.ts';

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
  /**
   * RATE_LIMIT_SYNC_MS: how old Redis's count of an identity may be for this instance to decide
   * its spends alone, at once (see spend-in-redis.ts); 0: every spend waits for Redis.
   */
  syncMs: number;
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

/**
 * A spend made ahead of the pipeline (by the response cache's fast path, while its lookup ran)
 * that the pipeline takes over instead of spending again, when the costs agree.
 */
export interface EarlierSpend {
  cost: number;
  decision: RateLimitDecision | Promise<RateLimitDecision>;
}

export interface RateLimits {
  /**
   * Spends `cost` points (at least 1, at most the whole quota) of `identity`'s window. Never
   * rejects and never waits past the deadline: a limiter that fails or is slow lets the
   * operation through (fail open) and counts it. The decision is answered at once (no promise)
   * in process, and on Redis for an identity busy on this instance (RATE_LIMIT_SYNC_MS).
   */
  spend(identity: RateLimitIdentity, cost: number): RateLimitDecision | Promise<RateLimitDecision>;
  /**
   * Sends Redis what this instance allowed on its own and not sent yet, and waits for every
   * send under way: at shutdown, before Redis closes, so that no spend goes uncounted.
   */
  flush(): Promise<void>;
}

/**
 * Per-identity points over a fixed window, shared through Redis by every router instance (or
 * counted in this process without Redis).
 */
export function createRateLimits(options: RateLimitsOptions): RateLimits {
  const { spend, flush } = options.redis
    ? spendInRedis(options, options.redis)
    : { spend: spendInMemory(options), flush: async () => {} };
  return {
    spend(identity, cost) {
      // An operation dearer than the whole quota empties it rather than never running at all.
      const points = Math.min(Math.max(1, Math.ceil(cost)), options.points[identity.policy]);
      return spend(identity, points);
    },
    flush,
  };
}

/** Spends points already bounded by the quota; answered at once when it can be. */
export type Spend = (
  identity: RateLimitIdentity,
  points: number,
) => RateLimitDecision | Promise<RateLimitDecision>;

/** In process: counted at once, answered without a promise. */
function spendInMemory({ points: quota, windowSeconds, onRefused }: RateLimitsOptions): Spend {
  const windows = {
    anonymous: createMemoryWindows(windowSeconds),
    user: createMemoryWindows(windowSeconds),
    partner: createMemoryWindows(windowSeconds),
  };
  return ({ policy, key }, points) => {
    const limit = quota[policy];
    const { consumed, endsAt } = windows[policy].consume(key, points);
    const allowed = consumed <= limit;
    if (!allowed) onRefused(policy);
    return {
      policy,
      limit,
      windowSeconds,
      allowed,
      remaining: Math.max(limit - consumed, 0),
      resetSeconds: resetSecondsIn(endsAt - Date.now()),
    };
  };
}
