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
  size: number;
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
  // A Map iterates in insertion order: re-inserting on read keeps the oldest use first.
  const entries = new Map<string, Held<V>>();
  const tagIndex = new Map<string, Set<string>>();
  const marks = new Map<string, { epoch: number; expiresAt: number }>();
  let epoch = 0;
  let bytes = 0;
  // The eviction cursor. A Map keeps a deleted entry's slot until it rehashes, and a fresh
  // `entries.keys()` walks every such slot before the first live key: once the store was full
  // (every write evicting), that walk over tens of thousands of slots made a write 5-10× slower.
  // One live iterator passes each slot once; it sees entries inserted after it (a read
  // re-inserts), and every key before it has been evicted or deleted.
  let oldest = entries.keys();
  const evictOldest = (): boolean => {
    let next = oldest.next();
    if (next.done) {
      oldest = entries.keys();
      next = oldest.next();
    }
    return !next.done && remove(next.value);
  };

  const remove = (key: string) => {
    const held = entries.get(key);
    if (!held) return false;
    entries.delete(key);
    bytes -= held.size;
    for (const tag of held.tags) {
      const keys = tagIndex.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) tagIndex.delete(tag);
    }
    return true;
  };

  const get = (key: string) => {
    const held = entries.get(key);
    if (!held) return null;
    if (held.expiresAt <= now()) {
      remove(key);
      return null;
    }
    entries.delete(key);
    entries.set(key, held);
    return held.value;
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
      const size = sizeOf(entry.value);
      if (size > maxBytes) return false;
      remove(entry.key);
      entries.set(entry.key, {
        value: entry.value,
        size,
        expiresAt: at + entry.ttlSeconds * 1000,
        tags: entry.tags,
      });
      bytes += size;
      for (const tag of entry.tags) {
        const keys = tagIndex.get(tag) ?? new Set();
        tagIndex.set(tag, keys.add(entry.key));
      }
      while (bytes > maxBytes && evictOldest()) {}
      return true;
    },

    async invalidate(tags) {
      epoch += 1;
      const at = now();
      let deleted = 0;
      for (const tag of tags) {
        marks.set(tag, { epoch, expiresAt: at + MARK_TTL_SECONDS * 1000 });
        for (const key of [...(tagIndex.get(tag) ?? [])]) if (remove(key)) deleted += 1;
      }
      // Marks only matter while a request that read before them may still write.
      if (marks.size > 10_000) {
        for (const [tag, mark] of marks) if (mark.expiresAt <= at) marks.delete(tag);
      }
      return deleted;
    },
  };
}
