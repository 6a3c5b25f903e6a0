import type { PersistedQueryOptions } from '@apollo/server';
import type { Logger } from '@travel/logger';
import type { Redis } from 'ioredis';

/** Apollo's `KeyValueCache<string>`: what its APQ store takes, and what the router's caches use. */
export type KeyValueStore = NonNullable<PersistedQueryOptions['cache']>;

/**
 * Entries in Redis under `prefix`, shared by every router instance. Never fails a request: a
 * Redis error reads as a miss and a lost write (redis.ts makes commands fail fast while Redis
 * is down, and logs the outage once).
 */
export function createRedisStore(redis: Redis, prefix: string, log: Logger): KeyValueStore {
  const bypass = (op: string) => (err: unknown) => {
    log.debug({ err, op }, 'redis unavailable; cache bypassed');
    return undefined;
  };
  return {
    get: (key) =>
      redis
        .get(prefix + key)
        .then((value) => value ?? undefined)
        .catch(bypass('get')),
    async set(key, value, options) {
      const ttl = options?.ttl;
      const write = ttl
        ? redis.set(prefix + key, value, 'EX', ttl)
        : redis.set(prefix + key, value);
      await write.catch(bypass('set'));
    },
    async delete(key) {
      await redis.del(prefix + key).catch(bypass('delete'));
    },
  };
}

export interface MemoryStoreOptions {
  /** Characters of keys and values kept (a bound on memory); default 32 Mi. */
  maxSize?: number;
  now?: () => number;
}

/** The embedded-mode store: one process only; least recently used entries go past `maxSize`. */
export function createMemoryStore({
  maxSize = 32 * 1024 * 1024,
  now = Date.now,
}: MemoryStoreOptions = {}): KeyValueStore {
  // A Map iterates in insertion order: re-inserting on read keeps the least recent first.
  const entries = new Map<string, { value: string; expiresAt: number }>();
  let size = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return false;
    entries.delete(key);
    size -= key.length + entry.value.length;
    return true;
  };
  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) {
        size -= key.length + entry.value.length;
        return undefined;
      }
      entries.set(key, entry);
      return entry.value;
    },
    async set(key, value, options) {
      remove(key);
      if (key.length + value.length > maxSize) return;
      const ttl = options?.ttl;
      entries.set(key, { value, expiresAt: ttl ? now() + ttl * 1000 : Number.POSITIVE_INFINITY });
      size += key.length + value.length;
      for (const oldest of entries.keys()) {
        if (size <= maxSize) break;
        remove(oldest);
      }
    },
    async delete(key) {
      return remove(key);
    },
  };
}
