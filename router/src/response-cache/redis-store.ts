import type { RedisClient } from '../redis.ts';
import {
  callsFor,
  DROP_ENTRIES,
  INDEX_ENTRY,
  runScript,
  STORE_ENTRY,
  TAKE_TAGS,
} from './redis-scripts.ts';
import { MARK_TTL_SECONDS, type ResponseCacheStore } from './store.ts';

/** The epoch counter lives a week past the last invalidation (no key of a test run stays). */
const EPOCH_TTL_SECONDS = 604_800;

/** Where the store keeps entries in Redis: `<prefix>rc:entry:{<key>}`, the key hash-tagged. */
export function redisEntryKeys(prefix: string) {
  const start = `${prefix}rc:entry:`;
  return {
    prefix: start,
    redisKeyOf: (key: string) => `${start}{${key}}`,
    keyOf: (redisKey: string) => redisKey.slice(start.length + 1, -1),
  };
}

/**
 * The store shared by every router instance, on one Redis or a Redis Cluster. Keys, all under
 * `<prefix>rc:`, hash-tagged so that what one script touches shares a slot:
 * - `entry:{<key>}` the response (with its TTL) and `gone:{<key>}` its tombstone, the epoch of
 *   the last invalidation that deleted it;
 * - `tag:{<tag>}` the entry keys tagged with the entity `Type:id` or the list `Type[]` (a
 *   sorted set by expiry: expired members are pruned as new ones arrive) and `inv:{<tag>}` its
 *   mark, the epoch of its last invalidation;
 * - `epoch`, the counter every read takes and every invalidation increments.
 * An entry tagged with several entities can not share a slot with all of them, so nothing
 * spans an entry and its tags atomically; the order of the steps keeps it correct instead.
 *
 * A write (response computed after a read at epoch E) first indexes the entry in each tag's
 * set, refusing if a tag's mark is above E, then stores the entry unless its tombstone is
 * above E. An invalidation takes the next epoch e, marks each tag and takes its set (one step
 * per slot), then deletes each entry it found and leaves its tombstone at e. For a write read
 * before e and an invalidation of one of its tags, per tag either the indexing came first
 * (the invalidation finds the entry key and its tombstone then refuses the store, or deletes
 * what was stored) or the mark did (the indexing refuses). Either way no entry computed
 * before the invalidation survives it, and once `invalidate` resolves, none can appear: the
 * read-your-writes promise. Marks and tombstones outlive any request (MARK_TTL_SECONDS).
 *
 * A Cluster spreads entries and tags over every master; only `epoch` is one key that every
 * miss reads (a hit does not: it computes nothing to store).
 */
export function createRedisStore(
  redis: RedisClient,
  prefix: string,
): ResponseCacheStore<string | Buffer> {
  const base = `${prefix}rc:`;
  const entryKey = redisEntryKeys(prefix).redisKeyOf;
  // The tombstone of an entry, by the entry's Redis key (as tag sets hold them).
  const goneKey = (entry: string) => `${base}gone:${entry.slice(base.length + 'entry:'.length)}`;
  const tagPair = (tag: string) => [`${base}tag:{${tag}}`, `${base}inv:{${tag}}`] as const;
  const epochKey = `${base}epoch`;

  const nextEpoch = async () => {
    const [[incrError, epoch] = [], [expireError] = []] =
      (await redis.multi().incr(epochKey).expire(epochKey, EPOCH_TTL_SECONDS).exec()) ?? [];
    if (incrError ?? expireError) throw incrError ?? expireError;
    return String(epoch);
  };

  return {
    read(keys) {
      // One GET each (an MGET may not span slots), all sent at once; a pipeline measured
      // dearer. Entries come back as bytes: a hit's body goes to the socket as read.
      return Promise.all(keys.map((key) => redis.getBuffer(entryKey(key))));
    },

    async epoch() {
      return Number((await redis.get(epochKey)) ?? 0);
    },

    async write(entry, epoch) {
      const key = entryKey(entry.key);
      const ttl = String(entry.ttlSeconds);
      const indexed = await Promise.all(
        callsFor(redis, entry.tags.map(tagPair)).map((keys) =>
          runScript(redis, INDEX_ENTRY, keys, key, ttl, String(epoch)),
        ),
      );
      // A refused tag leaves the entry key in the other sets: harmless, an invalidation of
      // them deletes nothing and leaves a tombstone only a stale write would meet.
      if (indexed.some((done) => done !== 1)) return false;
      const stored = await runScript(
        redis,
        STORE_ENTRY,
        [key, goneKey(key)],
        entry.value,
        ttl,
        String(epoch),
      );
      return stored === 1;
    },

    async invalidate(tags) {
      if (tags.length === 0) return 0;
      const epoch = await nextEpoch();
      const mark = String(MARK_TTL_SECONDS);
      const taken = await Promise.all(
        callsFor(redis, tags.map(tagPair)).map(
          (keys) => runScript(redis, TAKE_TAGS, keys, epoch, mark) as Promise<string[]>,
        ),
      );
      const entries = [...new Set(taken.flat())].map((key) => [key, goneKey(key)] as const);
      const deleted = await Promise.all(
        callsFor(redis, entries).map((keys) => runScript(redis, DROP_ENTRIES, keys, epoch, mark)),
      );
      return deleted.reduce<number>((sum, count) => sum + Number(count), 0);
    },
  };
}
