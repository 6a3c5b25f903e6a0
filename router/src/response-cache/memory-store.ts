import { LRUCache } from 'lru-cache';
import { MARK_TTL_SECONDS, type ResponseCacheStore, type StoreEntry } from './store.ts';

export interface MemoryStoreOptions<V> {
  /**
   * Total size of the values kept, as `sizeOf` counts them; the least recently used entries go
   * first. Default 64 Mi.
   */
  maxBytes?: number;
  /** A value's size; default its `length` (a string's characters, a Buffer's bytes). */
  sizeOf?: (value: V) => number;
  /** The clock (tests); default `Date.now`. */
  now?: () => number;
}

interface Held<V> {
  value: V;
  expiresAt: number;
  tags: readonly string[];
}

/**
 * The store without REDIS_URL: one process, so one router instance. An LRU of entries with a
 * TTL each, a tag index, and invalidation marks, with the Redis store's semantics.
 */
export function createMemoryStore<V = string>(
  options: MemoryStoreOptions<V> = {},
): ResponseCacheStore<V> {
  const { maxBytes = 64 * 1024 * 1024, now = Date.now } = options;
  const sizeOf = options.sizeOf ?? ((value: V) => (value as { length: number }).length);
  const tagIndex = new Map<string, Set<string>>();
  const marks = new Map<string, { epoch: number; expiresAt: number }>();
  let epoch = 0;

  const entries = new LRUCache<string, Held<V>>({
    maxSize: maxBytes,
    sizeCalculation: (held) => Math.max(1, sizeOf(held.value)),
    // However an entry leaves (evicted, replaced, expired, invalidated), its tags forget it.
    dispose: (held, key) => {
      for (const tag of held.tags) {
        const keys = tagIndex.get(tag);
        keys?.delete(key);
        if (keys?.size === 0) tagIndex.delete(tag);
      }
    },
  });

  const get = (key: string) => {
    const held = entries.get(key);
    if (!held) return null;
    if (held.expiresAt > now()) return held.value;
    entries.delete(key);
    return null;
  };

  return {
    inProcess: true,
    async read(keys) {
      return keys.map(get);
    },

    async epoch() {
      return epoch;
    },

    async write(entry: StoreEntry<V>, readEpoch: number) {
      const at = now();
      for (const tag of entry.tags) {
        const mark = marks.get(tag);
        if (mark && mark.expiresAt > at && mark.epoch > readEpoch) return false;
      }
      if (sizeOf(entry.value) > maxBytes) return false;
      entries.set(entry.key, {
        value: entry.value,
        expiresAt: at + entry.ttlSeconds * 1000,
        tags: entry.tags,
      });
      for (const tag of entry.tags) {
        const keys = tagIndex.get(tag) ?? new Set();
        tagIndex.set(tag, keys.add(entry.key));
      }
      return true;
    },

    async invalidate(tags) {
      epoch += 1;
      const at = now();
      let deleted = 0;
      for (const tag of tags) {
        marks.set(tag, { epoch, expiresAt: at + MARK_TTL_SECONDS * 1000 });
        for (const key of [...(tagIndex.get(tag) ?? [])]) if (entries.delete(key)) deleted += 1;
      }
      // Marks only matter while a request that read before them may still write.
      if (marks.size > 10_000) {
        for (const [tag, mark] of marks) if (mark.expiresAt <= at) marks.delete(tag);
      }
      return deleted;
    },
  };
}
