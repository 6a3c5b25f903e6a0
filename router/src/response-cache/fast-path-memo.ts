import { LRUCache } from 'lru-cache';
import type { KnownOperation } from './known-operations.ts';

/** What the fast path computed for one request body and viewer: its cache keys, mainly. */
export interface Remembered {
  /** The query text's sha256 (`KnownOperations.idOf`): its persisted query list id. */
  queryId: string;
  operation: KnownOperation;
  /** `cacheKeys` of the operation for the viewer's `lookupScopes`. */
  keys: readonly string[];
  /**
   * What the last hit of this body cost (its entry's stored cost): the next request with it
   * spends that while its lookup runs, rather than after.
   */
  cost?: number;
}

export interface FastPathMemoOptions {
  /** Bodies remembered, the least recently used forgotten first; default 1000. */
  maxEntries?: number;
  /** Longer bodies are not remembered (bounds the memory: ~maxEntries × this); default 8192. */
  maxBodyLength?: number;
}

export interface FastPathMemo {
  /** What was remembered for this body and viewer under this supergraph, if anything. */
  get(body: string, userId: string | undefined, supergraphHash: string): Remembered | undefined;
  set(body: string, userId: string | undefined, remembered: Remembered): void;
}

/**
 * The fast path's work for a body it has seen, by the exact body text and the viewer's user id
 * (the keys' scopes: a private entry is never found for another viewer): a repeated request
 * skips hashing its text, finding its operation and hashing its keys. An entry holds only for
 * the supergraph its operation was validated against; under a new one it is computed afresh.
 */
export function createFastPathMemo(options: FastPathMemoOptions = {}): FastPathMemo {
  const { maxEntries = 1000, maxBodyLength = 8192 } = options;
  const memo = new LRUCache<string, Remembered>({ max: maxEntries });
  // Length-prefixed: no user id and body can read as another's (an anonymous key starts
  // with the newline, a viewer's with a digit).
  const keyOf = (body: string, userId: string | undefined) =>
    userId ? `${userId.length}:${userId}\n${body}` : `\n${body}`;
  return {
    get(body, userId, supergraphHash) {
      if (body.length > maxBodyLength) return undefined;
      const key = keyOf(body, userId);
      const found = memo.get(key);
      if (!found || found.operation.supergraphHash === supergraphHash) return found;
      memo.delete(key);
      return undefined;
    },
    set(body, userId, remembered) {
      if (body.length <= maxBodyLength) memo.set(keyOf(body, userId), remembered);
    },
  };
}
