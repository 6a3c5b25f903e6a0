// The near cache in front of the Redis store, as two router instances have it: each its own
// connections, one Redis node. What one instance changes, the other never serves after.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createLogger } from '@travel/logger';
import { deleteRedisKeys, redisReady, testRedisUrl, watchRedisCommands } from '@travel/testing';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createRedisConnections, type RedisConnections } from '../src/redis.ts';
import { createNearStore } from '../src/response-cache/near-store.ts';
import { createRedisStore, redisEntryKeys } from '../src/response-cache/redis-store.ts';
import type { ResponseCacheStore } from '../src/response-cache/store.ts';

const log = createLogger({ service: 'test', level: 'silent' });
const prefix = `test:${randomBytes(6).toString('hex')}:`;
const opened: RedisConnections[] = [];

afterAll(async () => {
  const [first] = opened;
  if (first) await deleteRedisKeys(first.client, `${prefix}*`);
  await Promise.all(opened.map((connections) => connections.close()));
});

/**
 * Two instances' near-cached stores over the same Redis keys, each with connections of its
 * own, once both hold reads.
 */
async function twoInstances(name: string) {
  const own = `${prefix}${name}:`;
  const instances = [0, 1].map(() => {
    const connections = createRedisConnections(testRedisUrl(), log, { commandTimeoutMs: 2000 });
    opened.push(connections);
    const tracking = connections.invalidations();
    if (!tracking) throw new Error('a single node tracks keys');
    const store = createNearStore(createRedisStore(connections.client, own), {
      tracking,
      entries: redisEntryKeys(own),
      maxBytes: 1024 * 1024,
      sizeOf: (value) => value.length,
      expiresAt: () => Date.now() + 60_000,
      log,
    });
    return { connections, tracking, store };
  });
  await Promise.all(instances.map(({ connections }) => redisReady(connections.client)));
  await vi.waitFor(() => expect(instances.map(({ store }) => store.holding)).toEqual([true, true]));
  const [one, two] = instances as [(typeof instances)[0], (typeof instances)[0]];
  return { own, one, two };
}

const text = async (store: ResponseCacheStore<string | Buffer>, key: string) =>
  (await store.read([key]))[0]?.toString() ?? null;

const entry = (key: string, value: string, tags: string[]) => ({
  key,
  value,
  ttlSeconds: 60,
  tags,
});

describe('near-cached Redis store', () => {
  it('answers a repeated read, found or absent, without a Redis command of its own', async () => {
    const { own, one: instance } = await twoInstances('repeat');
    const one = instance.store;
    await one.write(entry('found', 'a response', ['Hotel:1']), await one.epoch());
    const commands = await watchRedisCommands(instance.connections.client as Redis, own);
    try {
      await commands.settled('start');
      expect(await one.read(['absent', 'found'])).toEqual([null, expect.any(Buffer)]);
      expect(await commands.settled('first')).toEqual([
        'get rc:entry:{absent}',
        'get rc:entry:{found}',
      ]);
      expect(await text(one, 'found')).toBe('a response');
      expect(await one.read(['absent'])).toEqual([null]);
      expect(await commands.settled('again')).toEqual([]);
      expect(one.stats()).toMatchObject({ fetched: 2, held: 2, untracked: 0 });
      expect(one.stats().heldBytes).toBeGreaterThan('a response'.length);
    } finally {
      commands.stop();
    }
  });

  it("never serves what another instance's resolved invalidation deleted", async () => {
    const { one, two } = await twoInstances('read-your-writes');
    const [writer, reader] = [one.store, two.store];
    for (let i = 0; i < 30; i++) {
      const key = `hotel-${i}`;
      await writer.write(entry(key, `v${i}`, [`Hotel:${i}`]), await writer.epoch());
      expect(await text(reader, key)).toBe(`v${i}`);
      expect(await text(reader, key)).toBe(`v${i}`);
      // A read racing the invalidation may see either; none after it resolved sees the entry.
      const [raced] = await Promise.all([text(reader, key), writer.invalidate([`Hotel:${i}`])]);
      expect([`v${i}`, null]).toContain(raced);
      expect(await text(reader, key)).toBeNull();
      expect(await text(writer, key)).toBeNull();
    }
    // Each write and each invalidation told the reader (broadcast: it holds them or not).
    expect(reader.stats().invalidatedKeys).toBeGreaterThanOrEqual(60);
  });

  it('serves what another instance wrote where it held an absence', async () => {
    const { one, two } = await twoInstances('absence');
    const [writer, reader] = [one.store, two.store];
    expect(await text(reader, 'later')).toBeNull();
    expect(await text(reader, 'later')).toBeNull();
    expect(await writer.write(entry('later', 'written', []), await writer.epoch())).toBe(true);
    expect(await text(reader, 'later')).toBe('written');
  });

  it('holds nothing while tracking is down, and only current reads once it is back', async () => {
    const { one, two } = await twoInstances('reconnect');
    const [writer, reader] = [one.store, two.store];
    await writer.write(entry('k', 'before', ['Hotel:9']), await writer.epoch());
    expect(await text(reader, 'k')).toBe('before');
    // The reader's tracking connection drops: what changes meanwhile it would never hear of.
    const closed = once(two.tracking, 'close');
    two.tracking.disconnect(true);
    await closed;
    expect(reader.holding).toBe(false);
    await writer.invalidate(['Hotel:9']);
    const untracked = reader.stats().untracked;
    expect(await text(reader, 'k')).toBeNull();
    expect(reader.stats().untracked).toBe(untracked + 1);
    await vi.waitFor(() => expect(reader.holding).toBe(true));
    expect(await text(reader, 'k')).toBeNull();
    await writer.write(entry('k', 'after', ['Hotel:9']), await writer.epoch());
    expect(await text(reader, 'k')).toBe('after');
    await writer.invalidate(['Hotel:9']);
    expect(await text(reader, 'k')).toBeNull();
  });
});
