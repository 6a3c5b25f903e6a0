import type { Logger } from '@travel/logger';
import { isTimeout, withDeadline } from '../deadline.ts';
import type { OperationKey } from './cache-key.ts';
import { type CachedHit, type EntryCodec, serializedEntries } from './entry-codec.ts';
import type { BypassReason, ResponseCacheMetrics } from './metrics.ts';
import type { ResponseCacheStore } from './store.ts';

/** What an entry holds: only data (errors are never cached), its policy and its birth. */
export interface CachedResponse {
  /**
   * The answer's body exactly as Apollo Server sends it, `{"data":…}` and a newline: the fast
   * path sends these bytes as they are.
   */
  body: string;
  policy: { maxAge: number; scope: 'PUBLIC' | 'PRIVATE' };
  /** Epoch milliseconds; the `age` header of a hit. */
  storedAt: number;
  /** The operation's estimated cost with these variables: what a hit spends of rate limits. */
  cost?: number;
}

/** The body Apollo Server sends for `data` alone (its `prettyJSONStringify`). */
export const bodyOf = (data: Record<string, unknown>) => `${JSON.stringify({ data })}\n`;

/**
 * A hit (the first of the keys asked for that has an entry), or a miss with the epoch to pass
 * back to `save` (see `ResponseCacheStore.write`).
 */
export type Lookup = { hit: CachedHit; epoch?: undefined } | { hit: undefined; epoch: number };

/**
 * A lookup already made for this request: the operation it looked up, its keys (one per
 * `lookupScopes` scope of the viewer) and what it found (undefined: bypassed).
 */
export interface EarlierLookup {
  operation: OperationKey;
  keys: readonly string[];
  found: Lookup | undefined;
}

export interface ResponseCache {
  /** Undefined means bypass: the store failed, was slow, or an invalidation is pending. */
  lookup(keys: readonly string[]): Promise<Lookup | undefined>;
  /** Stores in the background; a failure is counted and logged, never thrown. */
  save(key: string, response: CachedResponse, tags: Iterable<string>, epoch: number): void;
  /** Deletes what the tags make stale; awaited before a write's answer. Never throws. */
  invalidate(tags: Iterable<string>): Promise<void>;
}

export interface ResponseCacheOptions<V> {
  store: ResponseCacheStore<V>;
  /** How entries become the store's values; default `serializedEntries` (strings, Buffers). */
  codec?: EntryCodec<V>;
  /** A store read or write slower than this is abandoned (the cache is bypassed). */
  timeoutMs: number;
  /**
   * How long a write's answer waits for its invalidation; default `timeoutMs`. Longer than a
   * read's deadline on purpose: answering before the entries are gone lets the other instances
   * serve what the write made stale, where a slow read only skips the cache.
   */
  invalidationTimeoutMs?: number;
  /** Largest serialized entry stored, in bytes. */
  maxEntryBytes: number;
  metrics: ResponseCacheMetrics;
  log: Logger;
}

/**
 * The cache as the plugin uses it: every store call bounded by `timeoutMs`, every failure
 * counted, none thrown. An invalidation that failed is kept and retried before this instance
 * reads the cache again; until it succeeds, this instance bypasses the cache rather than
 * serve what the write made stale.
 */
export function createResponseCache<V = string | Buffer>(
  options: ResponseCacheOptions<V>,
): ResponseCache {
  const { store, timeoutMs, maxEntryBytes, metrics, log } = options;
  const invalidationTimeoutMs = options.invalidationTimeoutMs ?? timeoutMs;
  const codec = options.codec ?? (serializedEntries as unknown as EntryCodec<V>);
  const pending = new Set<string>();

  const bounded = <T>(work: Promise<T>, ms = timeoutMs): Promise<T> =>
    store.inProcess ? work : withDeadline(work, ms);

  // Within `ms`: a write's invalidationTimeoutMs, or a read's timeoutMs when a lookup retries.
  const invalidateNow = async (tags: string[], ms: number): Promise<boolean> => {
    try {
      await bounded(store.invalidate(tags), ms);
      metrics.invalidations.inc({ outcome: 'ok' }, tags.length);
      return true;
    } catch (err) {
      for (const tag of tags) pending.add(tag);
      metrics.invalidations.inc({ outcome: 'failed' }, tags.length);
      log.warn({ err, tags: tags.slice(0, 20) }, 'response cache invalidation failed; will retry');
      return false;
    }
  };

  const bypass = (reason: BypassReason) => {
    metrics.bypasses.inc({ reason });
    return undefined;
  };

  return {
    async lookup(keys) {
      if (pending.size > 0) {
        // Kept pending until done: a concurrent lookup must not read meanwhile either.
        const retry = [...pending];
        if (!(await invalidateNow(retry, timeoutMs))) return bypass('pending_invalidation');
        for (const tag of retry) pending.delete(tag);
      }
      try {
        const value = (await bounded(store.read(keys))).find((found) => found !== null);
        if (value !== undefined && value !== null) {
          metrics.hits.inc();
          return { hit: codec.decode(value) };
        }
        // Read after the entries, still before the response is computed: all `save` needs.
        const epoch = await bounded(store.epoch());
        metrics.misses.inc();
        return { hit: undefined, epoch };
      } catch (err) {
        log.debug({ err }, 'response cache read failed; bypassing');
        return bypass(isTimeout(err) ? 'timeout' : 'error');
      }
    },

    save(key, response, tags, epoch) {
      const value = codec.encode(response);
      if (codec.sizeOf(value) > maxEntryBytes) {
        metrics.writes.inc({ outcome: 'too_large' });
        return;
      }
      const entry = { key, value, ttlSeconds: response.policy.maxAge, tags: [...tags] };
      bounded(store.write(entry, epoch)).then(
        (stored) => metrics.writes.inc({ outcome: stored ? 'stored' : 'superseded' }),
        (err) => {
          metrics.writes.inc({ outcome: 'failed' });
          log.debug({ err }, 'response cache write failed');
        },
      );
    },

    async invalidate(tags) {
      const all = [...new Set(tags)];
      if (all.length > 0) await invalidateNow(all, invalidationTimeoutMs);
    },
  };
}
