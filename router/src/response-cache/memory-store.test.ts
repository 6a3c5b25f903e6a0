import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.ts';

const entry = (key: string, value: string, ttlSeconds = 60, tags: string[] = []) => ({
  key,
  value,
  ttlSeconds,
  tags,
});

describe('createMemoryStore', () => {
  it('forgets an entry when its TTL ends', async () => {
    let now = 1_000_000;
    const store = createMemoryStore({ now: () => now });
    await store.write(entry('a', 'A', 5), 0);
    now += 4_999;
    expect(await store.read(['a'])).toEqual(['A']);
    now += 1;
    expect(await store.read(['a'])).toEqual([null]);
  });

  it('drops the least recently used entries past its size', async () => {
    const store = createMemoryStore({ maxBytes: 3 });
    await store.write(entry('a', 'A'), 0);
    await store.write(entry('b', 'B'), 0);
    await store.write(entry('c', 'C'), 0);
    await store.read(['a']); // a is now the most recently used
    await store.write(entry('d', 'D'), 0);
    expect(await store.read(['a', 'b', 'c', 'd'])).toEqual(['A', null, 'C', 'D']);
  });

  it('keeps exactly the most recently used entries through many evictions', async () => {
    // A reference LRU beside the store, through writes, reads and invalidations in a
    // pseudo-random order: the store must hold what the reference holds after every step.
    const store = createMemoryStore({ maxBytes: 20 });
    const reference = new Map<string, string>();
    let bytes = 0;
    const drop = (key: string) => {
      bytes -= reference.get(key)?.length ?? 0;
      reference.delete(key);
    };
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let step = 0; step < 3000; step++) {
      const key = `k${random(60)}`;
      const op = random(10);
      if (op < 6) {
        const value = 'v'.repeat(1 + random(4));
        expect(
          await store.write(entry(key, value, 60, [`T:${key}`]), Number.MAX_SAFE_INTEGER),
        ).toBe(true);
        drop(key);
        reference.set(key, value);
        bytes += value.length;
        for (const oldest of reference.keys()) {
          if (bytes <= 20) break;
          drop(oldest);
        }
      } else if (op < 9) {
        const value = reference.get(key);
        expect(await store.read([key])).toEqual([value ?? null]);
        if (value !== undefined) {
          reference.delete(key);
          reference.set(key, value);
        }
      } else {
        await store.invalidate([`T:${key}`]);
        drop(key);
      }
    }
    const keys = [...reference.keys()];
    expect(keys.length).toBeGreaterThan(4);
    expect(await store.read(keys)).toEqual([...reference.values()]);
  });

  it('refuses an entry larger than the whole store', async () => {
    const store = createMemoryStore({ maxBytes: 3 });
    expect(await store.write(entry('big', 'ABCD'), 0)).toBe(false);
  });

  it('forgets an invalidation mark after its TTL', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    await store.invalidate(['Hotel:1']);
    expect(await store.write(entry('a', 'A', 60, ['Hotel:1']), 0)).toBe(false);
    now += 601_000;
    expect(await store.write(entry('a', 'A', 60, ['Hotel:1']), 0)).toBe(true);
  });
});
