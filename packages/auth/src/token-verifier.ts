import { jwtVerify } from 'jose';
import { createVerifiedTokenCache, type VerifiedToken } from './verified-token-cache.ts';
import { ROLES, type Role, TOKEN_AUDIENCE, TOKEN_ISSUER, type Viewer } from './viewer.ts';

export interface TokenVerifierOptions {
  /** HS256 key, the same the accounts subgraph signs with. */
  secret: string;
  /** Allowed clock skew between services; default 5 s. */
  clockToleranceSeconds?: number;
  /**
   * Verified tokens remembered until their `exp` (TOKEN_CACHE_MAX_ENTRIES), least recently
   * used dropped first; default 10,000. 0 verifies every token on every call.
   */
  cacheMaxEntries?: number;
  /** The clock, in ms since the epoch, for both the cache and `exp`; default `Date.now`. */
  now?: () => number;
}

export interface TokenVerifier {
  /**
   * The token's viewer and expiry (the same frozen object while the token is cached); rejects
   * on a bad signature, algorithm, issuer, audience or expiry.
   */
  verify(token: string): Promise<VerifiedToken>;
}

/**
 * Verifies a token with `jose` the first time it is seen, then answers from a bounded cache
 * until the token's `exp` (see verified-token-cache.ts); failures are never cached, so a bad
 * token is verified, and refused, every time.
 *
 * Caching until `exp` changes nothing a caller can observe: tokens are stateless JWTs with no
 * revocation list, so a token verified once stays valid until `exp` whether it is checked
 * again or not (the key is fixed for the verifier's life, and `nbf`, the one other claim that
 * depends on time, only turns a token valid, never invalid). Should revocation ever come
 * (a deny list of `jti`s), it must be checked on every call, before this cache.
 */
export function createTokenVerifier({
  secret,
  clockToleranceSeconds = 5,
  cacheMaxEntries = 10_000,
  now = Date.now,
}: TokenVerifierOptions): TokenVerifier {
  const key = new TextEncoder().encode(secret);
  const cache = createVerifiedTokenCache({ maxEntries: cacheMaxEntries, now });
  return {
    async verify(token) {
      const cached = cache.get(token);
      if (cached) return cached;
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'], // never 'none', never an algorithm the token picks
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: clockToleranceSeconds,
        currentDate: new Date(now()),
      });
      const role = payload.role;
      if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number' || !isRole(role)) {
        throw new Error('token claims are incomplete');
      }
      const apiKeyId = typeof payload.akid === 'string' ? payload.akid : undefined;
      // Frozen: one object is handed to every request that carries this token.
      const viewer: Viewer = Object.freeze({
        userId: payload.sub,
        role,
        ...(apiKeyId ? { apiKeyId } : {}),
      });
      const verified: VerifiedToken = Object.freeze({ viewer, expiresAt: payload.exp * 1000 });
      cache.set(token, verified);
      return verified;
    },
  };
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
