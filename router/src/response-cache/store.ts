/** One response to keep. */
export interface StoreEntry<V = string> {
  key: string;
  /** The `CachedResponse` as its codec encoded it (entry-codec.ts). */
  value: V;
  ttlSeconds: number;
  /** `Type:id` of every entity in the response: invalidating any of them deletes the entry. */
  tags: readonly string[];
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
  /** The value of each key asked for, in order; null where there is none. */
  read(keys: readonly string[]): Promise<(V | null)[]>;
  /**
   * The invalidation epoch now. Read before a response is computed (after a miss: a hit needs
   * none), it is what `write` takes: the response is stored only if none of its entities was
   * invalidated since.
   */
  epoch(): Promise<number>;
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
