// The router's small Redis features (APQ and API key store, rate limits) on one Redis and on a
// Redis Cluster: two router instances, each with its own connections, share what they store.
import { randomBytes } from 'node:crypto';
import { createLogger } from '@travel/logger';
import {
  deleteRedisKeys,
  redisKeys,
  redisReady,
  testRedisTargets,
  watchRedisCommands,
} from '@travel/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../src/key-value-store.ts';
import { createRateLimits } from '../src/rate-limits/rate-limits.ts';
import { createRedisConnections, type RedisConnections } from '../src/redis.ts';

const log = createLogger({ service: 'test', level: 'silent' });
const prefix = `test:${randomBytes(6).toString('hex')}:`;

describe.each(testRedisTargets())('on Redis (%s)', (name, url) => {
  // Two instances: two sets of connections, as two router processes have.
  let instances: [RedisConnections, RedisConnections];
  beforeAll(async () => {
    instances = [0, 1].map(() => createRedisConnections(url, log, { commandTimeoutMs: 2000 })) as [
      RedisConnections,
      RedisConnections,
    ];
    await Promise.all(instances.map(({ client }) => redisReady(client)));
  });
  afterAll(async () => {
    await deleteRedisKeys(instances[0].client, `${prefix}*`);
    await Promise.all(instances.map((instance) => instance.close()));
  });

  it('shares APQ bodies and API key resolutions between instances, with their TTL', async () => {
    const fallbacks: string[] = [];
    const [one, two] = instances.map(({ client }) =>
      createRedisStore(client, {
        prefix: `${prefix}apq:`,
        timeoutMs: 500,
        log,
        onFallback: (op, reason) => fallbacks.push(`${op}:${reason}`),
      }),
    ) as [ReturnType<typeof createRedisStore>, ReturnType<typeof createRedisStore>];
    // Keys on many slots of a Cluster.
    const hashes = Array.from({ length: 20 }, (_, i) => `hash-${i}`);
    await Promise.all(hashes.map((hash) => one.set(hash, `query ${hash}`, { ttl: 60 })));
    expect(await Promise.all(hashes.map((hash) => two.get(hash)))).toEqual(
      hashes.map((hash) => `query ${hash}`),
    );
    expect(await instances[1].client.ttl(`${prefix}apq:hash-0`)).toBeGreaterThan(55);
    await two.delete('hash-3');
    expect(await one.get('hash-3')).toBeUndefined();
    expect(await one.get('never-set')).toBeUndefined();
    expect(fallbacks).toEqual([]);
  });

  it('counts rate limits once for every instance', async () => {
    const refused: string[] = [];
    const failedOpen: string[] = [];
    const [one, two] = instances.map(({ client }) =>
      createRateLimits({
        redis: client,
        keyPrefix: prefix,
        windowSeconds: 60,
        points: { anonymous: 10, user: 100, partner: 1000 },
        timeoutMs: 500,
        syncMs: 20,
        onRefused: (policy) => refused.push(policy),
        onFailOpen: (reason) => failedOpen.push(reason),
        log,
      }),
    ) as [ReturnType<typeof createRateLimits>, ReturnType<typeof createRateLimits>];
    const caller = { policy: 'anonymous' as const, key: '203.0.113.7' };
    expect(await one.spend(caller, 4)).toMatchObject({ allowed: true, remaining: 6 });
    expect(await two.spend(caller, 5)).toMatchObject({ allowed: true, remaining: 1 });
    const over = await one.spend(caller, 2);
    expect(over).toMatchObject({ allowed: false, remaining: 0, limit: 10 });
    expect(over.resetSeconds).toBeGreaterThan(0);
    expect(await two.spend(caller, 1)).toMatchObject({ allowed: false });
    // Other identities have windows of their own, wherever their keys hash to.
    for (let i = 0; i < 10; i++) {
      const other = { policy: 'user' as const, key: `user-${i}` };
      expect(await (i % 2 ? one : two).spend(other, 1)).toMatchObject({ remaining: 99 });
    }
    expect(refused).toEqual(['anonymous', 'anonymous']);
    expect(failedOpen).toEqual([]);
    expect(await redisKeys(instances[0].client, `${prefix}rl:anonymous*`)).toEqual([
      `${prefix}rl:anonymous:203.0.113.7`,
    ]);
  });

  it("spends one identity's burst in one command, each request decided in its turn", async () => {
    const refused: string[] = [];
    const limits = createRateLimits({
      redis: instances[0].client,
      keyPrefix: `${prefix}burst:`,
      windowSeconds: 60,
      points: { anonymous: 10, user: 100, partner: 1000 },
      timeoutMs: 500,
      syncMs: 20,
      onRefused: (policy) => refused.push(policy),
      onFailOpen: () => expect.unreachable('Redis answered'),
      log,
    });
    const caller = { policy: 'anonymous' as const, key: '203.0.113.9' };
    const elsewhere = { policy: 'anonymous' as const, key: '203.0.113.10' };
    const spendBurst = () =>
      Promise.all([
        ...[3, 3, 3, 2, 1].map((cost) => limits.spend(caller, cost)),
        limits.spend(elsewhere, 1),
      ]);
    // One command per identity, not one per request (counted where MONITOR can: one node).
    const commands =
      name === 'single node'
        ? await watchRedisCommands(instances[0].client as Redis, `${prefix}burst:`)
        : undefined;
    const decisions = await spendBurst();
    // MONITOR shows a script's own commands too: the scripts are what the limiter sent.
    const scripts = (await commands?.settled('after burst'))?.filter((sent) =>
      sent.startsWith('eval'),
    );
    expect(scripts).toEqual(
      commands && [
        expect.stringContaining('rl:anonymous:203.0.113.9 12 '),
        expect.stringContaining('rl:anonymous:203.0.113.10 1 '),
      ],
    );
    commands?.stop();
    // 3, 6, 9 fit in 10; 11 and 12 do not (a refused spend still counts, as one at a time).
    expect(decisions.map(({ allowed, remaining }) => ({ allowed, remaining }))).toEqual([
      { allowed: true, remaining: 7 },
      { allowed: true, remaining: 4 },
      { allowed: true, remaining: 1 },
      { allowed: false, remaining: 0 },
      { allowed: false, remaining: 0 },
      { allowed: true, remaining: 9 },
    ]);
    expect(refused).toEqual(['anonymous', 'anonymous']);
  });

  it('sends the commands of one event-loop turn in one write on a single node', async () => {
    const { client } = instances[0];
    const keys = [`${prefix}pipelined:a`, `${prefix}pipelined:b`, `${prefix}pipelined:c`];
    const answers = Promise.all(keys.map((key) => client.get(key)));
    // Queued for one pipeline, sent when this turn ends; a Cluster sends each on its own.
    expect(client.autoPipelineQueueSize).toBe(name === 'single node' ? keys.length : 0);
    expect(await answers).toEqual([null, null, null]);
    expect(client.autoPipelineQueueSize).toBe(0);
  });
});
