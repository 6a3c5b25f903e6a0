import type { Logger } from '@travel/logger';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { trackKeys } from './key-tracking.ts';
import type { ResponseCacheStore } from './store.ts';

export interface NearStoreOptions<V> {
  /** The connection Redis sends its invalidations to (RedisConnections.invalidations). */
  tracking: Redis;
  /** Where the shared store keeps entries in Redis: their prefix, and a store key from one. */
  entries: { prefix: string; keyOf(redisKey: string): string };
  /** Total size of the values held, as `sizeOf` counts them; least recently used go first. */
  maxBytes: number;
  sizeOf(value: V): number;
  /** When a value read from the shared store expires there (epoch ms); held until then. */
  expiresAt(value: V): number;
  log: Logger;
}

/** What the near cache did since it started (see near-metrics.ts). */
export interface NearCacheStats {
  /** Keys read, answered from what this instance holds (an entry or an absence). */
  readonly held: number;
  /** Keys read from Redis through the near cache (then held, unless overtaken). */
  readonly fetched: number;
  /** Keys read from Redis alone, tracking being down. */
  readonly untracked: number;
  /**
   * Keys Redis said changed. Broadcast tracking tells every instance of every change under the
   * prefix, read there or not: this grows with the writes of all instances together.
   */
  readonly invalidatedKeys: number;
  /** Size of what is held now, as `sizeOf` counts it. */
  readonly heldBytes: number;
}

export interface NearStore<V> extends ResponseCacheStore<V> {
  /** Whether reads are held now (Redis tracks the keys for this instance). */
  readonly holding: boolean;
  /** Counted as plain numbers on the read path, for the metrics to read when scraped. */
  stats(): NearCacheStats;
}

/** A key read as absent, held too: a signed-in hit looks up its private key first. */
const ABSENT = Symbol('absent');

/**
 * The Redis store with a near cache: what this instance read from Redis (entries and
 * absences) held in process, kept in step with Redis by its key tracking (key-tracking.ts):
 * whoever changes an entry in Redis, every instance drops its copy. A hit costs no Redis
 * command of its own, only a share of one PING that proves the copy current: each read first
 * waits for every invalidation Redis sent before the read began, so once an instance's
 * `invalidate` resolved, no instance serves what it deleted (DESIGN decision 6's
 * read-your-writes, as without the near cache). Writes, epochs and invalidations are the
 * Redis store's. While tracking is down, reads go to Redis and nothing is held.
 */
export function createNearStore<V extends NonNullable<unknown>>(
  shared: ResponseCacheStore<V>,
  options: NearStoreOptions<V>,
): NearStore<V> {
  const { sizeOf, expiresAt } = options;
  const held = new LRUCache<string, V | typeof ABSENT>({
    maxSize: options.maxBytes,
    sizeCalculation: (value, key) => key.length + (value === ABSENT ? 0 : sizeOf(value)),
  });
  // Reads in flight, by key: one that an invalidation or a reset overtook must not be held.
  const flights = new Map<string, { count: number; overtaken: boolean }>();
  let generation = 0;
  const counts = { held: 0, fetched: 0, untracked: 0, invalidatedKeys: 0 };

  const tracking = trackKeys(
    options.tracking,
    options.entries.prefix,
    {
      onInvalidate(redisKeys) {
        counts.invalidatedKeys += redisKeys.length;
        for (const redisKey of redisKeys) {
          const key = options.entries.keyOf(redisKey);
          held.delete(key);
          const flight = flights.get(key);
          if (flight) flight.overtaken = true;
        }
      },
      onReset() {
        generation += 1;
        held.clear();
      },
    },
    options.log,
  );

  const hold = (key: string, value: V | null) => {
    if (value === null) {
      held.set(key, ABSENT);
      return;
    }
    const ttl = expiresAt(value) - Date.now();
    if (ttl > 0) held.set(key, value, { ttl });
  };

  const readThrough = async (keys: readonly string[]) => {
    const startedIn = generation;
    const started = keys.map((key) => {
      const flight = flights.get(key) ?? { count: 0, overtaken: false };
      flight.count += 1;
      flights.set(key, flight);
      return flight;
    });
    try {
      const values = await shared.read(keys);
      keys.forEach((key, i) => {
        if (startedIn === generation && !started[i]?.overtaken) hold(key, values[i] ?? null);
      });
      return values;
    } finally {
      keys.forEach((key, i) => {
        const flight = started[i];
        if (flight && --flight.count === 0) flights.delete(key);
      });
    }
  };

  return {
    get holding() {
      return tracking.active;
    },
    stats: () => ({ ...counts, heldBytes: held.calculatedSize }),
    async read(keys) {
      if (!tracking.active) {
        counts.untracked += keys.length;
        return shared.read(keys);
      }
      try {
        await tracking.sync();
      } catch {
        // The tracking connection just dropped (its reset follows): Redis alone answers.
        counts.untracked += keys.length;
        return shared.read(keys);
      }
      const found = keys.map((key) => held.get(key));
      const unknown = keys.filter((_key, i) => found[i] === undefined);
      counts.held += keys.length - unknown.length;
      counts.fetched += unknown.length;
      const read = unknown.length > 0 ? await readThrough(unknown) : [];
      let next = 0;
      return found.map((value) =>
        value === undefined ? (read[next++] ?? null) : value === ABSENT ? null : value,
      );
    },
    epoch: () => shared.epoch(),
    write: (entry, epoch) => shared.write(entry, epoch),
    invalidate: (tags) => shared.invalidate(tags),
  };
}
