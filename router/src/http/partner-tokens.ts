import type { Viewer } from '@travel/auth';

export interface PartnerTokenCacheOptions {
  /** Mints a token for the viewer, valid `ttlSeconds` (createTokenIssuer's `issue`). */
  mint(viewer: Viewer): Promise<string>;
  ttlSeconds: number;
  /** A token is handed out while it has at least this long left; then a fresh one is minted. */
  minRemainingSeconds: number;
  /** Distinct partners held at once (the oldest dropped first); default 1000. */
  maxEntries?: number;
  /** The clock (tests); default `Date.now`. */
  now?: () => number;
}

/**
 * The token minted for a partner, reused by its requests while it has `minRemainingSeconds`
 * left, instead of one signature per request. The claims are the same either way (role, user,
 * key; `iat` has whole seconds), so nothing a subgraph decides changes. Reusing it also lets
 * subgraphs' token caches hit and the router's in-flight fetch sharing (keyed by the forwarded
 * `Authorization`) join a partner's identical concurrent fetches. Revocation is unchanged: the
 * key is still resolved per request before a token is asked for, and each token lives
 * `ttlSeconds` at most, as before.
 */
export function createPartnerTokenCache(options: PartnerTokenCacheOptions) {
  const { mint, ttlSeconds, minRemainingSeconds, maxEntries = 1000, now = Date.now } = options;
  if (minRemainingSeconds >= ttlSeconds) throw new Error('minRemainingSeconds must be < ttl');
  const held = new Map<string, { token: Promise<string>; expiresAt: number }>();
  return function issue(viewer: Viewer): Promise<string> {
    const key = JSON.stringify([viewer.userId, viewer.role, viewer.apiKeyId ?? null]);
    const at = now();
    const found = held.get(key);
    if (found && found.expiresAt - at >= minRemainingSeconds * 1000) return found.token;
    held.delete(key);
    // Expires a second early: `exp` counts from the whole second `iat` was cut to.
    const entry = { token: mint(viewer), expiresAt: at + (ttlSeconds - 1) * 1000 };
    held.set(key, entry);
    // A failed mint is not kept: the next request tries again.
    entry.token.catch(() => {
      if (held.get(key) === entry) held.delete(key);
    });
    if (held.size > maxEntries) held.delete(held.keys().next().value as string);
    return entry.token;
  };
}
