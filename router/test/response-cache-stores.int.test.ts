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
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnections, type RedisConnections } from '../src/redis.ts';
import { toStored } from '../src/response-cache/entry-codec.ts';
import { createMemoryStore } from '../src/response-cache/memory-store.ts';
import { createResponseCacheMetrics } from '../src/response-cache/metrics.ts';
import { createRedisStore } from '../src/response-cache/redis-store.ts';
import { createResponseCache } from '../src/response-cache/response-cache.ts';
import type { ResponseCacheStore } from '../src/response-cache/store.ts';

// Every Redis test runs on one node and on a Cluster, through the router's own connections.
const connections = new Map<string, RedisConnections>();
const prefix = `test:${randomBytes(6).toString('hex')}:`;
const redisOn = (url: string) => {
  const found = connections.get(url);
  if (found) return found.client;
  const made = createRedisConnections(url, createLogger({ service: 'test', level: 'silent' }), {
    commandTimeoutMs: 2000,
  });
  connections.set(url, made);
  return made.client;
};
const targets = testRedisTargets();
beforeAll(async () => {
  await Promise.all(targets.map(([, url]) => redisReady(redisOn(url))));
});
afterAll(async () => {
  for (const { client, close } of connections.values()) {
    await deleteRedisKeys(client, `${prefix}*`);
    await close();
  }
});

const entry = (key: string, tags: string[], ttlSeconds = 60) => ({
  key,
  value: `value of ${key}`,
  ttlSeconds,
  tags,
});

/** The store with the bytes Redis answers read as text, to compare with what was written. */
const asText = (store: ResponseCacheStore<string | Buffer>): ResponseCacheStore => ({
  read: async (keys) => {
    const values = await store.read(keys);
    for (const value of values) if (value !== null) expect(value).toBeInstanceOf(Buffer);
    return values.map((value) => value?.toString() ?? null);
  },
  epoch: () => store.epoch(),
  write: (entry, epoch) => store.write(entry, epoch),
  invalidate: (tags) => store.invalidate(tags),
});

// The same behaviour from both stores: the plugin does not know which one it has.
describe.each([
  ...targets.map(
    ([name, url]) =>
      [
        `redis (${name})`,
        () => asText(createRedisStore(redisOn(url), `${prefix}${randomBytes(4).toString('hex')}:`)),
      ] as const,
  ),
  ['memory', () => createMemoryStore()] as const,
])('%s store', (_name, make: () => ResponseCacheStore) => {
  it('reads what it wrote, in the order asked, null for the rest', async () => {
    const store = make();
    const epoch = await store.epoch();
    expect(await store.write(entry('a', ['Hotel:1']), epoch)).toBe(true);
    expect(await store.read(['b', 'a'])).toEqual([null, 'value of a']);
  });

  it('deletes every entry tagged with an invalidated entity, and only those', async () => {
    const store = make();
    const epoch = await store.epoch();
    await store.write(entry('h1', ['Hotel:1', 'User:9']), epoch);
    await store.write(entry('h1-and-2', ['Hotel:1', 'Hotel:2']), epoch);
    await store.write(entry('h2', ['Hotel:2']), epoch);
    expect(await store.invalidate(['Hotel:1', 'Booking:7'])).toBe(2);
    expect(await store.read(['h1', 'h1-and-2', 'h2'])).toEqual([null, null, 'value of h2']);
    expect(await store.invalidate(['Hotel:1'])).toBe(0);
  });

  it('refuses an answer read before an invalidation of one of its entities', async () => {
    const store = make();
    const before = await store.epoch();
    await store.invalidate(['RoomType:5']);
    // Computed from data read before the write: it must not come back after the write.
    expect(await store.write(entry('x', ['RoomType:5']), before)).toBe(false);
    expect(await store.write(entry('y', ['RoomType:6']), before)).toBe(true);
    const after = await store.epoch();
    expect(after).toBeGreaterThan(before);
    expect(await store.write(entry('x', ['RoomType:5']), after)).toBe(true);
    expect(await store.read(['x', 'y'])).toEqual(['value of x', 'value of y']);
  });

  it('never keeps an entry read before a racing invalidation of any of its entities', async () => {
    const store = make();
    const rounds = Array.from({ length: 40 }, async (_, i) => {
      const epoch = await store.epoch();
      // Tags on different slots of a Cluster: the entry can share a slot with none of them.
      const tags = [`Hotel:${i}`, `RoomType:${i}`, `User:${i}`];
      const [, deleted] = await Promise.all([
        store.write(entry(`race-${i}`, tags), epoch),
        store.invalidate([tags[i % 3] as string]),
      ]);
      return { deleted, value: (await store.read([`race-${i}`]))[0] };
    });
    for (const { value } of await Promise.all(rounds)) expect(value).toBeNull();
  });

  it('takes ids with braces: on a Cluster a tag set and its mark still share a slot', async () => {
    const store = make();
    const tags = ['Hotel:{a}b', 'Hotel:}', 'Hotel:{{x'];
    const epoch = await store.epoch();
    expect(await store.write(entry('braced', tags), epoch)).toBe(true);
    expect(await store.invalidate(['Hotel:}'])).toBe(1);
    expect(await store.write(entry('braced', tags), epoch)).toBe(false);
    expect(await store.read(['braced'])).toEqual([null]);
  });

  it('deletes every cached list of a type on its list tag, entities kept apart', async () => {
    const store = make();
    const epoch = await store.epoch();
    await store.write(entry('search-paris', ['Hotel[]', 'Hotel:1']), epoch);
    await store.write(entry('search-rome', ['Hotel[]']), epoch);
    await store.write(entry('hotel-1', ['Hotel:1']), epoch);
    expect(await store.invalidate(['Hotel[]'])).toBe(2);
    expect(await store.read(['search-paris', 'search-rome', 'hotel-1'])).toEqual([
      null,
      null,
      'value of hotel-1',
    ]);
    // A search computed before the new hotel was announced is not stored after it.
    expect(await store.write(entry('search-rome', ['Hotel[]']), epoch)).toBe(false);
  });

  it('stores entries without entities too', async () => {
    const store = make();
    expect(await store.write(entry('plain', []), 0)).toBe(true);
    expect(await store.read(['plain'])).toEqual(['value of plain']);
  });
});

describe.each(targets)('redis store keys (%s)', (_name, url) => {
  it('keeps entries and tag sets under <prefix>rc:, hash-tagged, with TTLs', async () => {
    const redis = redisOn(url);
    const own = `${prefix}keys:`;
    const store = createRedisStore(redis, own);
    await store.write(entry('k', ['Hotel:1'], 30), 0);
    expect(await redisKeys(redis, `${own}*`)).toEqual([
      `${own}rc:entry:{k}`,
      `${own}rc:tag:{Hotel:1}`,
    ]);
    expect(await redis.ttl(`${own}rc:entry:{k}`)).toBeGreaterThan(25);
    expect(await redis.ttl(`${own}rc:tag:{Hotel:1}`)).toBeGreaterThan(25);
    await store.invalidate(['Hotel:1']);
    // The entry and the set go; the mark and the entry's tombstone stay, for a while.
    expect(await redisKeys(redis, `${own}*`)).toEqual([
      `${own}rc:epoch`,
      `${own}rc:gone:{k}`,
      `${own}rc:inv:{Hotel:1}`,
    ]);
    expect(await redis.ttl(`${own}rc:inv:{Hotel:1}`)).toBeGreaterThan(0);
    expect(await redis.ttl(`${own}rc:gone:{k}`)).toBeGreaterThan(0);
  });

  it('prunes the members of a tag set whose entries expired as new ones are indexed', async () => {
    const redis = redisOn(url);
    const own = `${prefix}prune:`;
    const store = createRedisStore(redis, own);
    const tagSet = `${own}rc:tag:{Hotel[]}`;
    await store.write(entry('short-1', ['Hotel[]'], 1), 0);
    await store.write(entry('short-2', ['Hotel[]'], 1), 0);
    expect(await redis.zcard(tagSet)).toBe(2);
    // Past their one-second TTL (Redis's clock decides; waiting longer changes nothing).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await store.write(entry('long', ['Hotel[]'], 60), 0);
    expect(await redis.zrange(tagSet, 0, -1)).toEqual([`${own}rc:entry:{long}`]);
  });

  it('still takes a tag set written as a plain set', async () => {
    const redis = redisOn(url);
    const own = `${prefix}plain-set:`;
    const store = createRedisStore(redis, own);
    await redis.set(`${own}rc:entry:{old}`, 'old', 'EX', 60);
    await redis.sadd(`${own}rc:tag:{Hotel:1}`, `${own}rc:entry:{old}`);
    expect(await store.invalidate(['Hotel:1'])).toBe(1);
    expect(await store.read(['old'])).toEqual([null]);
  });
});

describe('redis store commands (single node)', () => {
  it('answers a hit with its entries alone; only a miss reads the epoch too', async () => {
    const [[, url] = ['', '']] = targets;
    const redis = redisOn(url) as Redis;
    const own = `${prefix}commands:`;
    const store = createRedisStore(redis, own);
    const cache = createResponseCache({
      store,
      timeoutMs: 2000,
      maxEntryBytes: 10_000,
      metrics: createResponseCacheMetrics(new Registry()),
      log: createLogger({ service: 'test', level: 'silent' }),
    });
    const value = toStored({
      body: '{"data":{"ok":true}}\n',
      policy: { maxAge: 60, scope: 'PUBLIC' },
      storedAt: Date.now(),
    });
    const cached = { key: 'cached', value, ttlSeconds: 60, tags: [] };
    expect(await store.write(cached, await store.epoch())).toBe(true);
    // What Redis itself receives with this store's prefix, in order.
    const commands = await watchRedisCommands(redis, own);
    try {
      await commands.settled('start');
      expect((await cache.lookup(['cached']))?.hit).toBeDefined();
      expect(await commands.settled('after hit')).toEqual(['get rc:entry:{cached}']);
      expect(await cache.lookup(['absent'])).toEqual({ hit: undefined, epoch: expect.any(Number) });
      expect(await commands.settled('after miss')).toEqual([
        'get rc:entry:{absent}',
        'get rc:epoch',
      ]);
    } finally {
      commands.stop();
    }
  });
});
