import { ROLES, type Role } from '@travel/auth';
import { createSubgraphClient } from '@travel/service-kit/client';
import type { KeyValueStore } from '../key-value-store.ts';
import { sha256Hex } from '../sha256.ts';

/** Who an `x-api-key` speaks for, as the accounts subgraph answers it. */
export interface ApiKeyIdentity {
  apiKeyId: string;
  userId: string;
  role: Role;
}

export interface ApiKeyResolverOptions {
  /**
   * Shared (Redis, `<prefix>apikey:<sha256 of secret>`) or in-process. A store that does not
   * answer in time reads as a miss: accounts is asked directly.
   */
  store: KeyValueStore;
  /** The accounts subgraph's GraphQL URL (from the supergraph in service); undefined before load. */
  accountsUrl(): string | undefined;
  /** How long an answer for a valid key is reused; default 30 s. */
  ttlSeconds?: number;
  /** How long an invalid or revoked key stays refused without asking again; default 10 s. */
  negativeTtlSeconds?: number;
  /** An accounts call slower than this fails; default 2000 ms. */
  timeoutMs?: number;
}

/** accounts could not answer: the request fails (503), it is not refused as unauthenticated. */
export class ApiKeyLookupError extends Error {
  override name = 'ApiKeyLookupError';
}

// `@inaccessible` in accounts: not in the API schema, so only a direct call reaches it.
const IDENTITY_QUERY =
  'query ApiKeyIdentity($secret: String!) { apiKeyIdentity(secret: $secret) { apiKeyId userId role } }';
const NONE = 'none';
const MAX_SECRET_LENGTH = 256;

/**
 * Resolves an API key secret to its identity (null: unknown or revoked) by asking the accounts
 * subgraph, with answers cached briefly: a revoked key stops working once its cached answer
 * expires (`ttlSeconds`, on every instance when the store is shared). Concurrent lookups of
 * one secret share a call. The cache key is the secret's hash, never the secret.
 */
export function createApiKeyResolver(options: ApiKeyResolverOptions) {
  const { store, ttlSeconds = 30, negativeTtlSeconds = 10, timeoutMs = 2000 } = options;
  const accounts = createSubgraphClient({ name: 'accounts', url: options.accountsUrl, timeoutMs });
  const inFlight = new Map<string, Promise<ApiKeyIdentity | null>>();

  async function lookUp(
    secret: string,
    key: string,
    fresh: boolean,
  ): Promise<ApiKeyIdentity | null> {
    const cached = fresh ? undefined : await store.get(key);
    if (cached !== undefined)
      return cached === NONE ? null : (JSON.parse(cached) as ApiKeyIdentity);
    const identity = await askAccounts(secret);
    // Not awaited: the answer is known, a slow store must not delay it (the store never throws).
    void store.set(key, identity ? JSON.stringify(identity) : NONE, {
      ttl: identity ? ttlSeconds : negativeTtlSeconds,
    });
    return identity;
  }

  async function askAccounts(secret: string): Promise<ApiKeyIdentity | null> {
    let body: { data?: { apiKeyIdentity?: unknown } };
    try {
      // In the authentication span's trace (the first caller's, when lookups share a call).
      body = (await accounts.query(IDENTITY_QUERY, { variables: { secret } })) as typeof body;
    } catch (error) {
      throw new ApiKeyLookupError(
        `accounts could not resolve the key: ${(error as Error).message}`,
      );
    }
    const identity = body.data?.apiKeyIdentity;
    if (identity === null) return null;
    if (!isIdentity(identity)) throw new ApiKeyLookupError('accounts answered without an identity');
    return { apiKeyId: identity.apiKeyId, userId: identity.userId, role: identity.role };
  }

  /**
   * `fresh`: ask accounts even when an answer is cached (and cache the new one), for a check
   * that must see a revocation now, such as an open socket's periodic one.
   */
  return async function resolve(
    secret: string,
    { fresh = false }: { fresh?: boolean } = {},
  ): Promise<ApiKeyIdentity | null> {
    if (secret === '' || secret.length > MAX_SECRET_LENGTH) return null;
    const key = `apikey:${sha256Hex(secret)}`;
    const flight = fresh ? `fresh:${key}` : key;
    let pending = inFlight.get(flight);
    if (!pending) {
      pending = lookUp(secret, key, fresh).finally(() => inFlight.delete(flight));
      inFlight.set(flight, pending);
    }
    return pending;
  };
}

function isIdentity(value: unknown): value is ApiKeyIdentity {
  const v = value as Partial<ApiKeyIdentity> | null | undefined;
  return (
    typeof v?.apiKeyId === 'string' &&
    typeof v.userId === 'string' &&
    (ROLES as readonly string[]).includes(v.role as string)
  );
}
