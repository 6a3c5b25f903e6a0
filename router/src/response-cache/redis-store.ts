import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { MARK_TTL_SECONDS, type ResponseCacheStore } from './store.ts';

interface Script {
  text: string;
  sha: string;
}
const script = (text: string): Script => ({
  text,
  sha: createHash('sha1').update(text).digest('hex'),
});

// KEYS: the entry, then n tag sets, then n invalidation marks. ARGV: value, ttl, read epoch.
// Refuses when a mark is newer than the read; else stores and indexes the entry, keeping each
// tag set alive at least as long as the entry.
const WRITE = script(`
local n = (#KEYS - 1) / 2
local ttl = tonumber(ARGV[2])
for i = 1, n do
  local mark = redis.call('GET', KEYS[1 + n + i])
  if mark and tonumber(mark) > tonumber(ARGV[3]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ttl)
for i = 1, n do
  local tag = KEYS[1 + i]
  redis.call('SADD', tag, KEYS[1])
  if redis.call('TTL', tag) < ttl then redis.call('EXPIRE', tag, ttl) end
end
return 1`);

// KEYS: n tag sets, then n invalidation marks, then the epoch counter. ARGV: the marks' TTL.
// One script, so no entry can be indexed between reading a tag set and deleting it. The
// counter lives a week past the last invalidation (no key of a test run stays forever).
const INVALIDATE = script(`
local n = (#KEYS - 1) / 2
local epoch = redis.call('INCR', KEYS[#KEYS])
redis.call('EXPIRE', KEYS[#KEYS], 604800)
local deleted = 0
for i = 1, n do
  redis.call('SET', KEYS[n + i], epoch, 'EX', ARGV[1])
  local members = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #members, 500 do
    deleted = deleted + redis.call('DEL', unpack(members, j, math.min(j + 499, #members)))
  end
  redis.call('DEL', KEYS[i])
end
return deleted`);

/**
 * The store shared by every router instance. Keys, all under `<prefix>rc:`: `entry:<hash>`
 * (the response, with its TTL), `tag:<Type:id>` (a set of entry keys), `inv:<Type:id>` (the
 * epoch of the tag's last invalidation) and `epoch` (a counter). Scripts keep writes and
 * invalidations atomic. Single-node Redis (the keys of one script span hash slots).
 */
export function createRedisStore(redis: Redis, prefix: string): ResponseCacheStore {
  const base = `${prefix}rc:`;
  const entryKey = (key: string) => `${base}entry:${key}`;
  const tagKey = (tag: string) => `${base}tag:${tag}`;
  const markKey = (tag: string) => `${base}inv:${tag}`;
  const epochKey = `${base}epoch`;

  // By hash first; the text only when this Redis has not seen the script yet.
  const run = async (lua: Script, keys: string[], ...args: string[]) => {
    try {
      return await redis.evalsha(lua.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(lua.text, keys.length, ...keys, ...args);
    }
  };

  return {
    async read(keys) {
      const values = await redis.mget(...keys.map(entryKey), epochKey);
      const epoch = Number(values.pop() ?? 0);
      return { values, epoch };
    },

    async write(entry, epoch) {
      const keys = [entryKey(entry.key), ...entry.tags.map(tagKey), ...entry.tags.map(markKey)];
      const stored = await run(WRITE, keys, entry.value, String(entry.ttlSeconds), String(epoch));
      return stored === 1;
    },

    async invalidate(tags) {
      if (tags.length === 0) return 0;
      const keys = [...tags.map(tagKey), ...tags.map(markKey), epochKey];
      return Number(await run(INVALIDATE, keys, String(MARK_TTL_SECONDS)));
    },
  };
}
