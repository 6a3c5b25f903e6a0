import type { Viewer } from './viewer.ts';

export interface VerifiedTokenCacheOptions {
  /**
   * Most tokens kept; the least recently used is dropped first. Default 10,000 (each entry is
   * the token string, ~200–400 bytes, and its viewer: a few MB at most). 0 turns caching off.
   */
  maxEntries?: number;
  /** The clock, in ms since the epoch; default `Date.now` (tests inject their own). */
  now?: () => number;
}

/** What a token proved: who sends it, and until when. One frozen object per verification. */
export interface VerifiedToken {
  readonly viewer: Viewer;
  /** Its `exp`, in ms since the epoch. */
  readonly expiresAt: number;
}

export interface VerifiedTokenCache {
  /** A token verified before and not yet past its `exp`; else undefined. */
  get(token: string): VerifiedToken | undefined;
  /** Keeps a token that has just been verified, until its `expiresAt`. */
  set(token: string, verified: VerifiedToken): void;
  readonly size: number;
}

/**
 * Tokens already verified, so that the same token is checked with `jose` once rather than on
 * every request (and on every subgraph call of a request). Only successful verifications are
 * ever stored, and making one needs the signing secret: a flood of forged tokens costs a
 * verification each, as before, and cannot push good entries out.
 *
 * Keyed by the whole token string: an exact match, nothing to reason about collisions, and no
 * hash to compute per call (hashing would save ~3 MB at the default bound, not worth it).
 * A Map keeps insertion order, which makes it an LRU in a few lines: a hit moves the entry to
 * the end, an insert past the bound drops the first.
 */
export function createVerifiedTokenCache({
  maxEntries = 10_000,
  now = Date.now,
}: VerifiedTokenCacheOptions = {}): VerifiedTokenCache {
  const entries = new Map<string, VerifiedToken>();
  return {
    get(token) {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      entries.delete(token);
      // At `exp` the entry is gone: the token is verified afresh and refused exactly as an
      // uncached one would be (jose's clock tolerance included).
      if (now() >= entry.expiresAt) return undefined;
      entries.set(token, entry);
      return entry;
    },
    set(token, verified) {
      if (maxEntries <= 0 || now() >= verified.expiresAt) return;
      entries.delete(token);
      entries.set(token, verified);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
