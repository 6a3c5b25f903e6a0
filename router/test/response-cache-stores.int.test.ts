import { randomBytes } from 'node:crypto';
import { testRedisUrl } from '@travel/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../src/response-cache/memory-store.ts';
import { createRedisStore } from '../src/response-cache/redis-store.ts';
import type { ResponseCacheStore } from '../src/response-cache/store.ts';

let redis: Redis;
let prefix: string;
beforeAll(() => {
  redis = new Redis(testRedisUrl());
  prefix = `test:${randomBytes(6).toString('hex')}:`;
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

const entry = (key: string, tags: string[], ttlSeconds = 60) => ({
  key,
  value: `value of ${key}`,
  ttlSeconds,
  tags,
});

// The same behaviour from both stores: the plugin does not know which one it has.
describe.each([
  ['redis', () => createRedisStore(redis, `${prefix}${randomBytes(4).toString('hex')}:`)],
  ['memory', () => createMemoryStore()],
] as const)('%s store', (_name, make: () => ResponseCacheStore) => {
  it('reads what it wrote, in the order asked, null for the rest', async () => {
    const store = make();
    const { epoch } = await store.read(['a']);
    expect(await store.write(entry('a', ['Hotel:1']), epoch)).toBe(true);
    expect((await store.read(['b', 'a'])).values).toEqual([null, 'value of a']);
  });

  it('deletes every entry tagged with an invalidated entity, and only those', async () => {
    const store = make();
    const { epoch } = await store.read([]);
    await store.write(entry('h1', ['Hotel:1', 'User:9']), epoch);
    await store.write(entry('h1-and-2', ['Hotel:1', 'Hotel:2']), epoch);
    await store.write(entry('h2', ['Hotel:2']), epoch);
    expect(await store.invalidate(['Hotel:1', 'Booking:7'])).toBe(2);
    expect((await store.read(['h1', 'h1-and-2', 'h2'])).values).toEqual([
      null,
      null,
      'value of h2',
    ]);
    expect(await store.invalidate(['Hotel:1'])).toBe(0);
  });

  it('refuses an answer read before an invalidation of one of its entities', async () => {
    const store = make();
    const before = (await store.read(['x'])).epoch;
    await store.invalidate(['RoomType:5']);
    // Computed from data read before the write: it must not come back after the write.
    expect(await store.write(entry('x', ['RoomType:5']), before)).toBe(false);
    expect(await store.write(entry('y', ['RoomType:6']), before)).toBe(true);
    const after = (await store.read(['x'])).epoch;
    expect(after).toBeGreaterThan(before);
    expect(await store.write(entry('x', ['RoomType:5']), after)).toBe(true);
    expect((await store.read(['x', 'y'])).values).toEqual(['value of x', 'value of y']);
  });

  it('stores entries without entities too', async () => {
    const store = make();
    expect(await store.write(entry('plain', []), 0)).toBe(true);
    expect((await store.read(['plain'])).values).toEqual(['value of plain']);
  });
});

describe('redis store keys', () => {
  it('keeps entries and tag sets under <prefix>rc: with TTLs', async () => {
    const own = `${prefix}keys:`;
    const store = createRedisStore(redis, own);
    await store.write(entry('k', ['Hotel:1'], 30), 0);
    const keys = (await redis.keys(`${own}*`)).sort();
    expect(keys).toEqual([`${own}rc:entry:k`, `${own}rc:tag:Hotel:1`]);
    expect(await redis.ttl(`${own}rc:entry:k`)).toBeGreaterThan(25);
    expect(await redis.ttl(`${own}rc:tag:Hotel:1`)).toBeGreaterThan(25);
    await store.invalidate(['Hotel:1']);
    expect(await redis.exists(`${own}rc:entry:k`, `${own}rc:tag:Hotel:1`)).toBe(0);
    expect(await redis.ttl(`${own}rc:inv:Hotel:1`)).toBeGreaterThan(0);
  });
});
