// Rate limits (on one Redis node: MONITOR counts what they send) deciding a busy identity's spends on one instance, against Redis's last count
// (RATE_LIMIT_SYNC_MS): at once, sent in one command, and never past the limit for the
// spends Redis decides.
import { randomBytes } from 'node:crypto';
import { createLogger } from '@travel/logger';
import { deleteRedisKeys, redisReady, testRedisUrl, watchRedisCommands } from '@travel/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rateLimitPlugin } from '../src/rate-limits/rate-limit-plugin.ts';
import { createRateLimits, type RateLimitDecision } from '../src/rate-limits/rate-limits.ts';
import { createRedisConnections, type RedisConnections } from '../src/redis.ts';

const log = createLogger({ service: 'test', level: 'silent' });
const prefix = `test:${randomBytes(6).toString('hex')}:`;
// Long enough that nothing here goes stale between two lines of a test.
const SYNC_MS = 2000;

let instances: [RedisConnections, RedisConnections];
beforeAll(async () => {
  instances = [0, 1].map(() =>
    createRedisConnections(testRedisUrl(), log, { commandTimeoutMs: 2000 }),
  ) as typeof instances;
  await Promise.all(instances.map(({ client }) => redisReady(client)));
});
afterAll(async () => {
  await deleteRedisKeys(instances[0].client, `${prefix}*`);
  await Promise.all(instances.map((instance) => instance.close()));
});

function limitsOn(connections: RedisConnections, anonymous: number) {
  const outcomes: string[] = [];
  const limits = createRateLimits({
    redis: connections.client,
    keyPrefix: prefix,
    windowSeconds: 60,
    points: { anonymous, user: 100, partner: 1000 },
    timeoutMs: 500,
    syncMs: SYNC_MS,
    onRefused: (policy) => outcomes.push(`refused:${policy}`),
    onFailOpen: (reason) => outcomes.push(`open:${reason}`),
    log,
  });
  return { limits, outcomes };
}

const decidedAtOnce = (decision: RateLimitDecision | Promise<RateLimitDecision>) => {
  expect(decision).not.toBeInstanceOf(Promise);
  return decision as RateLimitDecision;
};
const counted = (key: string) =>
  instances[0].client.get(`${prefix}rl:anonymous:${key}`).then(Number);

describe('rate limits on Redis, decided here while an identity is busy', () => {
  it('answers at once from the last count, and sends the spends in one command', async () => {
    const { limits, outcomes } = limitsOn(instances[0], 1000);
    const caller = { policy: 'anonymous' as const, key: '203.0.113.20' };
    // Nothing known yet: Redis decides.
    const first = limits.spend(caller, 10);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toMatchObject({ allowed: true, remaining: 990 });
    const commands = await watchRedisCommands(instances[0].client as Redis, prefix);
    const decisions = [20, 30, 40].map((cost) => decidedAtOnce(limits.spend(caller, cost)));
    expect(decisions.map(({ allowed, remaining }) => ({ allowed, remaining }))).toEqual([
      { allowed: true, remaining: 970 },
      { allowed: true, remaining: 940 },
      { allowed: true, remaining: 900 },
    ]);
    expect(decisions[0]?.resetSeconds).toBeGreaterThan(55);
    // Redis hears of them within half the sync time, as one spend of their sum.
    expect(await counted(caller.key)).toBe(10);
    await vi.waitFor(async () => expect(await counted(caller.key)).toBe(100), SYNC_MS);
    const scripts = (await commands.settled('after sync')).filter((sent) =>
      sent.startsWith('eval'),
    );
    commands.stop();
    expect(scripts).toEqual([expect.stringContaining('rl:anonymous:203.0.113.20 90 ')]);
    expect(outcomes).toEqual([]);
  });

  it('leaves the second half of a quota to Redis, counting every instance', async () => {
    const [one, two] = [limitsOn(instances[0], 10), limitsOn(instances[1], 10)];
    const caller = { policy: 'anonymous' as const, key: '203.0.113.21' };
    expect(await one.limits.spend(caller, 1)).toMatchObject({ remaining: 9 });
    // Half the quota or less: decided on the first instance alone, not sent yet.
    expect(decidedAtOnce(one.limits.spend(caller, 3))).toMatchObject({ remaining: 6 });
    // The second instance knows nothing of those 3 yet: Redis decides, on what it has.
    expect(await two.limits.spend(caller, 4)).toMatchObject({ allowed: true, remaining: 5 });
    expect(decidedAtOnce(one.limits.spend(caller, 1))).toMatchObject({ remaining: 5 });
    // Past half: Redis decides, with the 4 points the first instance owes it sent first.
    const last = one.limits.spend(caller, 1);
    expect(last).toBeInstanceOf(Promise);
    expect(await last).toMatchObject({ allowed: true, remaining: 0 });
    expect(await one.limits.spend(caller, 1)).toMatchObject({ allowed: false, remaining: 0 });
    expect(await two.limits.spend(caller, 1)).toMatchObject({ allowed: false, remaining: 0 });
    expect(await counted(caller.key)).toBe(12);
    expect([...one.outcomes, ...two.outcomes]).toEqual(['refused:anonymous', 'refused:anonymous']);
  });

  it('sends what it decided alone when the server stops, before Redis closes', async () => {
    const { limits, outcomes } = limitsOn(instances[0], 1000);
    const caller = { policy: 'anonymous' as const, key: '203.0.113.23' };
    await limits.spend(caller, 1);
    decidedAtOnce(limits.spend(caller, 5));
    expect(await counted(caller.key)).toBe(1);
    // What the router's stop runs once HTTP has drained (the plugin's serverWillStop).
    const listener = await rateLimitPlugin(limits).serverWillStart?.({} as never);
    await listener?.serverWillStop?.();
    expect(await counted(caller.key)).toBe(6);
    expect(outcomes).toEqual([]);
  });

  it('counts the spends decided here as let through when Redis can not take them', async () => {
    const connections = createRedisConnections(testRedisUrl(), log, { commandTimeoutMs: 2000 });
    await redisReady(connections.client);
    const { limits, outcomes } = limitsOn(connections, 1000);
    const caller = { policy: 'anonymous' as const, key: '203.0.113.22' };
    await limits.spend(caller, 1);
    for (let i = 0; i < 3; i++) decidedAtOnce(limits.spend(caller, 1));
    // Gone before the send: the three spends were let through uncounted, and say so.
    await connections.close();
    await vi.waitFor(() => expect(outcomes).toEqual(['open:error', 'open:error', 'open:error']), {
      timeout: SYNC_MS,
    });
    expect(await counted(caller.key)).toBe(1);
    // Nothing is decided here any more: the next spend asks Redis, and fails open too.
    expect(await limits.spend(caller, 1)).toMatchObject({ allowed: true });
    expect(outcomes).toHaveLength(4);
  });
});
