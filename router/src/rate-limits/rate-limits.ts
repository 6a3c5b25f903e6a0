import type { Logger } from '@travel/logger';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { isTimeout, withDeadline } from '../deadline.ts';
import type { RedisClient } from '../redis.ts';
import type { RateLimitState } from './headers.ts';
import type { RateLimitIdentity, RateLimitPolicyName } from './identity.ts';
import { createMemoryWindows } from './memory-windows.ts';

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
   * operation through (fail open) and counts it. In process, the decision is answered at once
   * (no promise).
   */
  spend(identity: RateLimitIdentity, cost: number): RateLimitDecision | Promise<RateLimitDecision>;
}

/**
 * Per-identity points over a fixed window, shared through Redis by every router instance (or
 * counted in this process without Redis).
 */
export function createRateLimits(options: RateLimitsOptions): RateLimits {
  const spendIn = options.redis ? spendInRedis(options, options.redis) : spendInMemory(options);
  return {
    spend(identity, cost) {
      // An operation dearer than the whole quota empties it rather than never running at all.
      const points = Math.min(Math.max(1, Math.ceil(cost)), options.points[identity.policy]);
      return spendIn(identity, points);
    },
  };
}

type Spend = (identity: RateLimitIdentity, points: number) => SpendResult;
type SpendResult = RateLimitDecision | Promise<RateLimitDecision>;

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
      resetSeconds: Math.max(1, Math.ceil((endsAt - Date.now()) / 1000)),
    };
  };
}

/**
 * Shared through Redis by every router instance, within `timeoutMs` or failing open. The spends
 * of one identity in one turn of the event loop go to Redis as one (a burst of one client's
 * requests, cache hits above all, costs one command), each decided as if spent one after the
 * other in the order they came: the points before it in the turn, then its own.
 */
function spendInRedis(options: RateLimitsOptions, redis: RedisClient): Spend {
  const { keyPrefix, windowSeconds, timeoutMs, log } = options;
  const limiterFor = (policy: RateLimitPolicyName) =>
    // Not ready means reject at once (then fail open) rather than queue behind a reconnect.
    new RateLimiterRedis({
      points: options.points[policy],
      duration: windowSeconds,
      keyPrefix: `${keyPrefix}rl:${policy}`,
      storeClient: redis,
      rejectIfRedisNotReady: true,
    });
  const limiters = {
    anonymous: limiterFor('anonymous'),
    user: limiterFor('user'),
    partner: limiterFor('partner'),
  };
  const turns = new Map<string, Turn>();

  const spendTurn = async ({ policy, key }: RateLimitIdentity, turn: Turn) => {
    const limit = options.points[policy];
    const state = { policy, limit, windowSeconds };
    let res: RateLimiterRes;
    try {
      res = await withDeadline(limiters[policy].consume(key, turn.points), timeoutMs);
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) {
        const reason = isTimeout(outcome) ? 'timeout' : 'error';
        log.debug({ err: outcome, reason }, 'rate limit not checked; operation let through');
        for (const spend of turn.spends) {
          options.onFailOpen(reason);
          spend.resolve({ ...state, allowed: true });
        }
        return;
      }
      res = outcome;
    }
    // Redis answered the total after the whole turn: each spend stands where it came.
    let consumed = res.consumedPoints - turn.points;
    const resetSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    for (const spend of turn.spends) {
      consumed += spend.points;
      const allowed = consumed <= limit;
      if (!allowed) options.onRefused(policy);
      spend.resolve({ ...state, allowed, remaining: Math.max(limit - consumed, 0), resetSeconds });
    }
  };

  return (identity, points) =>
    new Promise<RateLimitDecision>((resolve) => {
      const id = `${identity.policy}:${identity.key}`;
      let turn = turns.get(id);
      if (!turn) {
        const started: Turn = { points: 0, spends: [] };
        turns.set(id, started);
        turn = started;
        setImmediate(() => {
          turns.delete(id);
          void spendTurn(identity, started);
        });
      }
      turn.points += points;
      turn.spends.push({ points, resolve });
    });
}

/** One identity's spends in one turn of the event loop, in the order they came. */
interface Turn {
  points: number;
  spends: { points: number; resolve(decision: RateLimitDecision): void }[];
}
