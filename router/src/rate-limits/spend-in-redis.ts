import { LRUCache } from 'lru-cache';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { isTimeout, withDeadline } from '../deadline.ts';
import type { RedisClient } from '../redis.ts';
import { resetSecondsIn } from './headers.ts';
import type { RateLimitIdentity, RateLimitPolicyName } from './identity.ts';
import type { RateLimitDecision, RateLimitsOptions, Spend } from './rate-limits.ts';

/** Redis's count of one identity's window, as one of its answers gave it. */
interface Count {
  consumed: number;
  /** When the command it answers was sent (epoch ms): the count is at least that recent. */
  sentAt: number;
  /** When Redis's window ends (epoch ms). */
  resetsAt: number;
}

/** One identity's spends on their way to Redis, with what this instance last heard from it. */
interface Account {
  readonly identity: RateLimitIdentity;
  count?: Count;
  /** Points sent and not answered yet. */
  inFlight: number;
  /** Points allowed here on the strength of `count`, not sent yet, and how many spends. */
  allowed: { points: number; spends: number };
  /** Spends waiting for Redis's answer, in the order they came. */
  waiting: { points: number; resolve(decision: RateLimitDecision): void }[];
}

/** Identities remembered at once; forgetting one only sends its next spend to Redis. */
const MAX_ACCOUNTS = 10_000;

/**
 * Shared through Redis by every router instance, within `timeoutMs` or failing open. What one
 * identity spends goes to Redis as one command (a burst of one client's requests, cache hits
 * above all, costs one round trip), each spend decided as if made one after the other in the
 * order they came.
 *
 * An identity busy on this instance is decided here, at once: while Redis's last count of it
 * is under `syncMs` old and shows more than half its quota left, a spend is allowed against
 * that count plus what this instance spent since, and reaches Redis with the next send (within
 * half `syncMs`). The second half of a quota is always Redis's to decide, so an
 * identity passes its limit only if other instances allow it more than half its quota within
 * `syncMs`. `syncMs` 0: every spend waits for Redis.
 */
export function spendInRedis(
  options: RateLimitsOptions,
  redis: RedisClient,
): { spend: Spend; flush(): Promise<void> } {
  const { keyPrefix, windowSeconds, timeoutMs, syncMs, log } = options;
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
  // An account forgotten with something to send is still sent: `pending` holds it.
  const accounts = new LRUCache<string, Account>({ max: MAX_ACCOUNTS });
  // Every identity's sends go out together (one write on a single node): at the end of a turn
  // with a spend waiting for Redis, else half `syncMs` after the first spend decided here.
  const pending = new Set<Account>();
  let turnEnd: NodeJS.Immediate | undefined;
  let tick: NodeJS.Timeout | undefined;
  const sending = new Set<Promise<void>>();

  const decideHere = (account: Account, points: number): RateLimitDecision | undefined => {
    const { count } = account;
    const now = Date.now();
    if (!count || now - count.sentAt >= syncMs || now >= count.resetsAt) return undefined;
    const { policy } = account.identity;
    const limit = options.points[policy];
    const spent = count.consumed + account.inFlight + account.allowed.points + points;
    if (spent > limit / 2) return undefined;
    account.allowed.points += points;
    account.allowed.spends += 1;
    pending.add(account);
    tick ??= setTimeout(sendPending, syncMs / 2);
    const resetSeconds = resetSecondsIn(count.resetsAt - now);
    return { policy, limit, windowSeconds, allowed: true, remaining: limit - spent, resetSeconds };
  };

  const sendPending = () => {
    clearImmediate(turnEnd);
    clearTimeout(tick);
    turnEnd = undefined;
    tick = undefined;
    for (const account of pending) {
      const sent = send(account);
      sending.add(sent);
      void sent.finally(() => sending.delete(sent));
    }
    pending.clear();
  };

  const send = async (account: Account) => {
    const { identity, allowed, waiting } = account;
    account.allowed = { points: 0, spends: 0 };
    account.waiting = [];
    let waitingPoints = 0;
    for (const spend of waiting) waitingPoints += spend.points;
    const points = allowed.points + waitingPoints;
    const limit = options.points[identity.policy];
    const state = { policy: identity.policy, limit, windowSeconds };
    const sentAt = Date.now();
    account.inFlight += points;
    let res: RateLimiterRes;
    try {
      res = await withDeadline(limiters[identity.policy].consume(identity.key, points), timeoutMs);
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) {
        account.inFlight -= points;
        // Nothing is decided here again before Redis answers again.
        account.count = undefined;
        const reason = isTimeout(outcome) ? 'timeout' : 'error';
        log.debug({ err: outcome, reason }, 'rate limit not checked; operation let through');
        for (let i = 0; i < allowed.spends; i++) options.onFailOpen(reason);
        for (const spend of waiting) {
          options.onFailOpen(reason);
          spend.resolve({ ...state, allowed: true });
        }
        return;
      }
      res = outcome;
    }
    account.inFlight -= points;
    const resetsAt = Date.now() + res.msBeforeNext;
    if (!account.count || account.count.sentAt <= sentAt) {
      account.count = { consumed: res.consumedPoints, sentAt, resetsAt };
    }
    // Redis counted the points allowed here first, then the waiting spends: each stands where
    // it came.
    let consumed = res.consumedPoints - waitingPoints;
    const resetSeconds = resetSecondsIn(res.msBeforeNext);
    for (const spend of waiting) {
      consumed += spend.points;
      const allowed = consumed <= limit;
      if (!allowed) options.onRefused(identity.policy);
      spend.resolve({ ...state, allowed, remaining: Math.max(limit - consumed, 0), resetSeconds });
    }
  };

  const spend: Spend = (identity, points) => {
    const id = `${identity.policy}:${identity.key}`;
    let account = accounts.get(id);
    if (!account) {
      account = { identity, inFlight: 0, allowed: { points: 0, spends: 0 }, waiting: [] };
      accounts.set(id, account);
    }
    const decided = decideHere(account, points);
    if (decided) return decided;
    const waitingFor = account;
    return new Promise<RateLimitDecision>((resolve) => {
      waitingFor.waiting.push({ points, resolve });
      pending.add(waitingFor);
      turnEnd ??= setImmediate(sendPending);
    });
  };

  const flush = async () => {
    sendPending();
    await Promise.all(sending);
  };

  return { spend, flush };
}
