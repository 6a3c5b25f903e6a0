// A Redis Cluster losing one master: the router's Redis features keep answering within their
// deadlines, from the surviving masters where they can and by their fallbacks elsewhere.
import { createLogger } from '@travel/logger';
import { redisReady, startRedisCluster, type TestRedisCluster } from '@travel/testing';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../src/key-value-store.ts';
import { createRateLimits } from '../src/rate-limits/rate-limits.ts';
import { createRedisConnections, type RedisConnections } from '../src/redis.ts';
import { createResponseCacheMetrics } from '../src/response-cache/metrics.ts';
import { createRedisStore as createResponseCacheStore } from '../src/response-cache/redis-store.ts';
import { createResponseCache } from '../src/response-cache/response-cache.ts';

const log = createLogger({ service: 'test', level: 'silent' });
const TIMEOUT_MS = 50;
// Generous for a noisy machine; a call without a deadline would hang through the retries.
const BOUND_MS = 1000;

let cluster: TestRedisCluster;
let redis: RedisConnections;
beforeAll(async () => {
  cluster = await startRedisCluster();
  redis = createRedisConnections(cluster.url, log, { commandTimeoutMs: TIMEOUT_MS });
  await redisReady(redis.client);
});
afterAll(async () => {
  await redis?.close();
  await cluster?.stop();
});

async function timed<T>(work: () => Promise<T>) {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('a Cluster with one master down', () => {
  it('serves the keys of the other masters and falls back, without waiting, on the rest', async () => {
    const fallbacks: string[] = [];
    const store = createRedisStore(redis.client, {
      prefix: 'outage:apq:',
      timeoutMs: TIMEOUT_MS,
      log,
      onFallback: (op, reason) => fallbacks.push(`${op}:${reason}`),
    });
    const refusedOrOpen: string[] = [];
    const limits = createRateLimits({
      redis: redis.client,
      keyPrefix: 'outage:',
      windowSeconds: 60,
      points: { anonymous: 10, user: 100, partner: 1000 },
      timeoutMs: TIMEOUT_MS,
      syncMs: 20,
      onRefused: (policy) => refusedOrOpen.push(`refused:${policy}`),
      onFailOpen: (reason) => refusedOrOpen.push(`open:${reason}`),
      log,
    });
    const cache = createResponseCache({
      store: createResponseCacheStore(redis.client, 'outage:'),
      timeoutMs: TIMEOUT_MS,
      maxEntryBytes: 1_000_000,
      metrics: createResponseCacheMetrics(new Registry()),
      log,
    });
    // Keys over every slot range, so over every master.
    const keys = Array.from({ length: 30 }, (_, i) => `query-${i}`);
    await Promise.all(keys.map((key) => store.set(key, `body of ${key}`, { ttl: 60 })));
    expect(await Promise.all(keys.map((key) => store.get(key)))).toEqual(
      keys.map((key) => `body of ${key}`),
    );

    await cluster.killNode(0);

    const reads = await Promise.all(keys.map((key) => timed(() => store.get(key))));
    for (const { ms } of reads) expect(ms).toBeLessThan(BOUND_MS);
    const served = reads.filter(({ value }) => value !== undefined).length;
    // About two thirds live on the masters still up; the rest read as misses.
    expect(served).toBeGreaterThan(0);
    expect(served).toBeLessThan(keys.length);
    expect(fallbacks.filter((fallback) => fallback.startsWith('get:'))).toHaveLength(
      keys.length - served,
    );

    const spends = await Promise.all(
      keys.map((key) => timed(async () => limits.spend({ policy: 'user', key }, 1))),
    );
    for (const { value, ms } of spends) {
      expect(value.allowed).toBe(true);
      expect(ms).toBeLessThan(BOUND_MS);
    }
    expect(refusedOrOpen.length).toBeGreaterThan(0);
    expect(refusedOrOpen.every((outcome) => outcome.startsWith('open:'))).toBe(true);

    // The response cache bypasses rather than fails. An invalidation that can not reach
    // every tag's master stays pending: this instance bypasses the cache until it goes through.
    const lookup = await timed(() => cache.lookup(keys));
    expect(lookup.ms).toBeLessThan(BOUND_MS);
    const invalidation = await timed(() => cache.invalidate(keys.map((key) => `Hotel:${key}`)));
    expect(invalidation.ms).toBeLessThan(BOUND_MS);
    expect(await cache.lookup(['after'])).toBeUndefined();
  });
});
