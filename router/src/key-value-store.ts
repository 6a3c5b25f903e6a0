import type { PersistedQueryOptions } from '@apollo/server';
import type { Logger } from '@travel/logger';
import { LRUCache } from 'lru-cache';
import { isTimeout, withDeadline } from './deadline.ts';
import type { RedisClient } from './redis.ts';

/** Apollo's `KeyValueCache<string>`: what its APQ store takes, and what the router's caches use. */
export type KeyValueStore = NonNullable<PersistedQueryOptions['cache']>;

export interface RedisStoreOptions {
  /** Prefix of every key (`REDIS_KEY_PREFIX`). */
  prefix: string;
  /**
   * A call slower than this is abandoned: a read is a miss, a write is lost (REDIS_TIMEOUT_MS,
   * default 50). Redis stalled (paused, swapping, a slow script) must not stall the request.
   */
  timeoutMs: number;
  log: Logger;
  /** Called once per abandoned or failed call (a metric): `timeout` or `error`. */
  onFallback?(op: 'get' | 'set' | 'delete', reason: 'timeout' | 'error'): void;
}

/**
 * Entries in Redis under `prefix`, shared by every router instance. Never fails a request and
 * never waits past `timeoutMs`: a Redis error or a slow answer reads as a miss and a lost
 * write (redis.ts makes commands fail fast while Redis is down, and logs the outage once).
 */
export function createRedisStore(redis: RedisClient, options: RedisStoreOptions): KeyValueStore {
  const { prefix, timeoutMs, log, onFallback } = options;
  const fallback = (op: 'get' | 'set' | 'delete') => (err: unknown) => {
    const reason = isTimeout(err) ? 'timeout' : 'error';
    onFallback?.(op, reason);
    log.debug({ err, op, reason }, 'redis unavailable; store bypassed');
    return undefined;
  };
  return {
    get: (key) =>
      withDeadline(redis.get(prefix + key), timeoutMs)
        .then((value) => value ?? undefined)
        .catch(fallback('get')),
    async set(key, value, options) {
      const ttl = options?.ttl;
      const write = ttl
        ? redis.set(prefix + key, value, 'EX', ttl)
        : redis.set(prefix + key, value);
      await withDeadline(write, timeoutMs).catch(fallback('set'));
    },
    async delete(key) {
      await withDeadline(redis.del(prefix + key), timeoutMs).catch(fallback('delete'));
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
  const entries = new LRUCache<string, { value: string; expiresAt: number }>({
    maxSize,
    // Counted in characters, of the key and the value; an empty pair still takes a slot.
    sizeCalculation: (entry, key) => Math.max(1, key.length + entry.value.length),
  });
  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt > now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    async set(key, value, options) {
      // Larger than the whole store: not kept, and what the key held is gone.
      if (key.length + value.length > maxSize) {
        entries.delete(key);
        return;
      }
      const ttl = options?.ttl;
      entries.set(key, { value, expiresAt: ttl ? now() + ttl * 1000 : Number.POSITIVE_INFINITY });
    },
    async delete(key) {
      return entries.delete(key);
    },
  };
}
