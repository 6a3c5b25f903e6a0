import { createHash } from 'node:crypto';
import calculateSlot from 'cluster-key-slot';
import type { RedisClient } from '../redis.ts';

/** A Lua script, run by its hash first (EVALSHA) and by its text when the node lacks it. */
export interface Script {
  text: string;
  sha: string;
}

const script = (text: string): Script => ({
  text,
  sha: createHash('sha1').update(text).digest('hex'),
});

// Every script takes KEYS in pairs that share a hash slot (`x:{tag}`, `y:{tag}`), and only
// pairs of one slot per call: on a Cluster a script may touch the keys of one slot only.

// Pairs: tag set, invalidation mark. ARGV: entry key, ttl, read epoch. Refuses when a mark is
// newer than the read; else indexes the entry in every set, scored by when it expires, and
// keeps each set alive at least as long as the entry. A set is a sorted set so that members
// whose entry expired are pruned here: a tag every search shares (`Hotel[]`) would otherwise
// grow for as long as writes keep extending its TTL. Redis's clock, not the caller's.
export const INDEX_ENTRY = script(`
for i = 2, #KEYS, 2 do
  local mark = redis.call('GET', KEYS[i])
  if mark and tonumber(mark) > tonumber(ARGV[3]) then return 0 end
end
local ttl = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
for i = 1, #KEYS, 2 do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
  redis.call('ZADD', KEYS[i], now + ttl * 1000, ARGV[1])
  if redis.call('TTL', KEYS[i]) < ttl then redis.call('EXPIRE', KEYS[i], ttl) end
end
return 1`);

// Pair: the entry, its tombstone. ARGV: value, ttl, read epoch. Refuses when an invalidation
// newer than the read deleted this entry (see redis-store.ts); else stores it.
export const STORE_ENTRY = script(`
local gone = redis.call('GET', KEYS[2])
if gone and tonumber(gone) > tonumber(ARGV[3]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`);

// Pairs: tag set, invalidation mark. ARGV: epoch, marks' TTL. Marks each tag (never lowering
// a mark: invalidations on several instances may land out of order) and takes its set, read
// and deleted at once, so no entry is indexed in between. Answers the entry keys it held.
export const TAKE_TAGS = script(`
local taken = {}
for i = 1, #KEYS, 2 do
  local mark = redis.call('GET', KEYS[i + 1])
  if not mark or tonumber(mark) < tonumber(ARGV[1]) then
    redis.call('SET', KEYS[i + 1], ARGV[1], 'EX', ARGV[2])
  end
  -- A plain set: written before tag sets were sorted; still taken, so nothing it indexes stays.
  local members = redis.call('TYPE', KEYS[i]).ok == 'set' and redis.call('SMEMBERS', KEYS[i])
    or redis.call('ZRANGE', KEYS[i], 0, -1)
  for _, key in ipairs(members) do taken[#taken + 1] = key end
  redis.call('DEL', KEYS[i])
end
return taken`);

// Pairs: an entry, its tombstone. ARGV: epoch, tombstones' TTL. Deletes each entry and leaves
// a tombstone that refuses a write read before this epoch. Answers how many entries went.
export const DROP_ENTRIES = script(`
local deleted = 0
for i = 1, #KEYS, 2 do
  deleted = deleted + redis.call('DEL', KEYS[i])
  local gone = redis.call('GET', KEYS[i + 1])
  if not gone or tonumber(gone) < tonumber(ARGV[1]) then
    redis.call('SET', KEYS[i + 1], ARGV[1], 'EX', ARGV[2])
  end
end
return deleted`);

/** Keys given to one script call at most (pairs × 2): a bound on a call's size. */
const MAX_KEYS_PER_CALL = 512;

/**
 * Splits key pairs into the calls a script needs: on a Cluster one call per hash slot (the
 * pair's first key decides; its second shares the hash tag), on one server as few as fit.
 */
export function callsFor(redis: RedisClient, pairs: readonly (readonly [string, string])[]) {
  const groups = new Map<number, string[]>();
  for (const [first, second] of pairs) {
    const slot = redis.isCluster ? calculateSlot(first) : 0;
    const keys = groups.get(slot) ?? [];
    groups.set(slot, keys);
    keys.push(first, second);
  }
  const calls: string[][] = [];
  for (const keys of groups.values()) {
    for (let i = 0; i < keys.length; i += MAX_KEYS_PER_CALL) {
      calls.push(keys.slice(i, i + MAX_KEYS_PER_CALL));
    }
  }
  return calls;
}

/** Runs `lua` over `keys` (one slot): by hash first, by text when this node has not seen it. */
export async function runScript(
  redis: RedisClient,
  lua: Script,
  keys: readonly string[],
  ...args: (string | Buffer)[]
): Promise<unknown> {
  try {
    return await redis.evalsha(lua.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(lua.text, keys.length, ...keys, ...args);
  }
}
