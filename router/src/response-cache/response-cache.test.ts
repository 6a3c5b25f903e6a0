import { createLogger } from '@travel/logger';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { toStored } from './entry-codec.ts';
import { createMemoryStore } from './memory-store.ts';
import { createResponseCacheMetrics } from './metrics.ts';
import { bodyOf, type CachedResponse, createResponseCache } from './response-cache.ts';
import type { ResponseCacheStore } from './store.ts';

const log = createLogger({ service: 'test', level: 'silent' });
const response: CachedResponse = {
  body: '{"data":{"hotel":{"name":"A"}}}\n',
  policy: { maxAge: 60, scope: 'PUBLIC' },
  storedAt: 0,
};

/** A memory store whose calls can be made to fail, hang, or take 60 ms. */
function faultyStore() {
  const inner = createMemoryStore();
  const faults = { read: 'none', invalidate: 'none' } as Record<
    string,
    'none' | 'fail' | 'hang' | 'slow'
  >;
  const guard = <T>(op: string, work: () => Promise<T>) => {
    if (faults[op] === 'fail') return Promise.reject(new Error(`${op} failed`));
    if (faults[op] === 'hang') return new Promise<T>(() => {});
    if (faults[op] === 'slow')
      return new Promise<T>((resolve) => setTimeout(resolve, 60)).then(work);
    return work();
  };
  const store: ResponseCacheStore = {
    read: (keys) => guard('read', () => inner.read(keys)),
    epoch: () => guard('read', () => inner.epoch()),
    write: (entry, epoch) => inner.write(entry, epoch),
    invalidate: (tags) => guard('invalidate', () => inner.invalidate(tags)),
  };
  return { store, faults };
}

function setUp(maxEntryBytes = 10_000) {
  const { store, faults } = faultyStore();
  const registry = new Registry();
  const cache = createResponseCache({
    store,
    timeoutMs: 20,
    invalidationTimeoutMs: 200,
    maxEntryBytes,
    metrics: createResponseCacheMetrics(registry),
    log,
  });
  const count = async (name: string, labels = '') => {
    const text = await registry.metrics();
    const line = text.split('\n').find((l) => l.startsWith(`${name}${labels}`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };
  return { cache, faults, count };
}

const written = () => new Promise((resolve) => setImmediate(resolve));

describe('createResponseCache', () => {
  it('counts a miss, then a hit of the first key that has an entry', async () => {
    const { cache, count } = setUp();
    const miss = await cache.lookup(['private', 'public']);
    expect(miss?.hit).toBeUndefined();
    cache.save('public', response, ['Hotel:1'], miss?.epoch ?? 0);
    await written();
    const hit = (await cache.lookup(['private', 'public']))?.hit;
    expect(hit && { ...hit, body: hit.body }).toEqual({
      ...response,
      bytes: Buffer.from(response.body),
    });
    expect(await count('response_cache_misses_total')).toBe(1);
    expect(await count('response_cache_hits_total')).toBe(1);
  });

  it.each([
    ['fail', 'error'],
    ['hang', 'timeout'],
  ] as const)('bypasses a store read that %ss', async (fault, reason) => {
    const { cache, faults, count } = setUp();
    faults.read = fault;
    expect(await cache.lookup(['k'])).toBeUndefined();
    expect(await count('response_cache_bypasses_total', `{reason="${reason}"}`)).toBe(1);
  });

  it('does not store an answer over the size limit', async () => {
    const { cache, count } = setUp(10);
    cache.save('k', response, [], 0);
    await written();
    expect((await cache.lookup(['k']))?.hit).toBeUndefined();
    expect(await count('response_cache_writes_total', '{outcome="too_large"}')).toBe(1);
  });

  it('counts the size limit in bytes of UTF-8, not in characters', async () => {
    const wide: CachedResponse = { ...response, body: bodyOf({ name: 'ü'.repeat(100) }) };
    const { cache, count } = setUp(toStored(wide).length + 50);
    cache.save('k', wide, [], 0);
    await written();
    expect(await count('response_cache_writes_total', '{outcome="too_large"}')).toBe(1);
  });

  it('does not race an in-process store against the timeout', async () => {
    const inner = createMemoryStore();
    const registry = new Registry();
    const cache = createResponseCache({
      // Slower than the timeout, but in process: nothing to give up on.
      store: {
        ...inner,
        inProcess: true,
        read: (keys) => new Promise((resolve) => setTimeout(() => resolve(inner.read(keys)), 40)),
      },
      timeoutMs: 5,
      maxEntryBytes: 10_000,
      metrics: createResponseCacheMetrics(registry),
      log,
    });
    expect(await cache.lookup(['k'])).toEqual({ hit: undefined, epoch: expect.any(Number) });
  });

  it('never reads again before a failed invalidation went through', async () => {
    const { cache, faults, count } = setUp();
    cache.save('k', response, ['Hotel:1'], 0);
    await written();
    faults.invalidate = 'hang';
    await expect(cache.invalidate(['Hotel:1'])).resolves.toBeUndefined();
    expect(await count('response_cache_invalidations_total', '{outcome="failed"}')).toBe(1);

    // The stale entry is still there, but this instance does not read it.
    expect(await cache.lookup(['k'])).toBeUndefined();
    expect(await count('response_cache_bypasses_total', '{reason="pending_invalidation"}')).toBe(1);

    faults.invalidate = 'none';
    const after = await cache.lookup(['k']);
    expect(after).toEqual({ hit: undefined, epoch: expect.any(Number) });
    expect(await count('response_cache_invalidations_total', '{outcome="ok"}')).toBe(1);
  });

  it('waits past the read deadline for an invalidation, within its own', async () => {
    const { cache, faults, count } = setUp();
    const miss = await cache.lookup(['k']);
    cache.save('k', response, ['Hotel:1'], miss?.epoch ?? 0);
    await written();
    faults.invalidate = 'slow';
    await cache.invalidate(['Hotel:1']);
    expect(await count('response_cache_invalidations_total', '{outcome="ok"}')).toBe(1);
    faults.invalidate = 'none';
    // Gone when the write's answer would go, with no retry left pending.
    expect(await cache.lookup(['k'])).toEqual({ hit: undefined, epoch: expect.any(Number) });
    expect(await count('response_cache_invalidations_total', '{outcome="ok"}')).toBe(1);
  });

  it('retries a pending invalidation within the read deadline when a read comes', async () => {
    const { cache, faults, count } = setUp();
    faults.invalidate = 'hang';
    await cache.invalidate(['Hotel:1']);
    // Slower than a read's deadline (20 ms), within a write's (200 ms): a read skips the cache
    // rather than wait for it.
    faults.invalidate = 'slow';
    expect(await cache.lookup(['k'])).toBeUndefined();
    expect(await count('response_cache_bypasses_total', '{reason="pending_invalidation"}')).toBe(1);
    faults.invalidate = 'none';
    expect(await cache.lookup(['k'])).toEqual({ hit: undefined, epoch: expect.any(Number) });
  });
});
