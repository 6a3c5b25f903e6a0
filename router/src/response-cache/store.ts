/** One response to keep. */
export interface StoreEntry<V = string> {
  key: string;
  /** The `CachedResponse` as its codec encoded it (entry-codec.ts). */
  value: V;
  ttlSeconds: number;
  /** `Type:id` of every entity in the response: invalidating any of them deletes the entry. */
  tags: readonly string[];
}

export interface StoreRead<V = string> {
  /** The value of each key asked for, in order; null where there is none. */
  values: (V | null)[];
  /**
   * The invalidation epoch when the values were read. A response computed after this read is
   * stored only if none of its entities was invalidated since (see `write`).
   */
  epoch: number;
}

/**
 * Where the response cache keeps entries, their entity tags and invalidation marks: Redis
 * (shared by every router instance) or this process.
 */
export interface ResponseCacheStore<V = string> {
  /**
   * The store is this process's memory: its calls settle at once, so they are not raced
   * against RESPONSE_CACHE_TIMEOUT_MS (no timer per call).
   */
  readonly inProcess?: boolean;
  read(keys: readonly string[]): Promise<StoreRead<V>>;
  /**
   * Stores the entry unless one of its tags was invalidated after `epoch`: a response read
   * from the subgraphs before a write committed must not be cached after the write dropped
   * the entries it made stale. Tells whether it stored.
   */
  write(entry: StoreEntry<V>, epoch: number): Promise<boolean>;
  /** Deletes every entry tagged with any of `tags`; answers how many went. */
  invalidate(tags: readonly string[]): Promise<number>;
}

/** How long an invalidation mark outlives its write: longer than any request takes. */
export const MARK_TTL_SECONDS = 600;
