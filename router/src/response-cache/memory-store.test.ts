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
    expect((await store.read(['a'])).values).toEqual(['A']);
    now += 1;
    expect((await store.read(['a'])).values).toEqual([null]);
  });

  it('drops the least recently used entries past its size', async () => {
    const store = createMemoryStore({ maxBytes: 3 });
    await store.write(entry('a', 'A'), 0);
    await store.write(entry('b', 'B'), 0);
    await store.write(entry('c', 'C'), 0);
    await store.read(['a']); // a is now the most recently used
    await store.write(entry('d', 'D'), 0);
    expect((await store.read(['a', 'b', 'c', 'd'])).values).toEqual(['A', null, 'C', 'D']);
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
