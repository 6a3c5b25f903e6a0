import {
  bearerToken,
  type TokenVerifier,
  type Viewer,
  viewerFromAuthorization,
} from '@travel/auth';
import type { ApiKeyAuthentication } from '../http/authenticate.ts';

/** Who is on a socket, settled once by `connection_init`. */
export interface Session {
  viewer: Viewer | null;
  /** Limits count per identity: the user, or the client's address when anonymous. */
  identity: string;
  /**
   * Equal for equal identities (user, role, API key): subgraphs authorize by these claims
   * alone, so subscribers with equal keys and selections may share an event's answer, even
   * holding different tokens (a user's phone and laptop).
   */
  credentialKey: string;
  /** When a bearer token stops being valid (ms since the epoch): the socket is closed then. */
  expiresAt: number | undefined;
  /**
   * The `Authorization` to forward to subgraphs now (they verify it again). For an API key, a
   * short-lived token minted for the partner, renewed before it expires, after asking again
   * whether the key still stands; rejects with ConnectionRefused once it is revoked.
   */
  authorization(): Promise<string | undefined>;
  /**
   * Whether the credentials still stand, asking their source again (an API key: accounts,
   * not the cache). False closes the socket; throws ApiKeyLookupError when it can not tell.
   * Absent when there is nothing to ask (a token carries its own expiry; anonymous).
   */
  stillValid?(): Promise<boolean>;
}

export interface ConnectionAuthOptions {
  verifier: TokenVerifier;
  /** Partners' API keys, shared with HTTP; without it `apiKey` is refused. */
  apiKeys?: ApiKeyAuthentication;
}

/** Credentials that are present but not good: the socket is closed, never made anonymous. */
export class ConnectionRefused extends Error {
  override name = 'ConnectionRefused';
}

/** A minted partner token is renewed when it has less than this left. */
const RENEW_BEFORE_MS = 20_000;

/**
 * The session of a socket from its `connectionParams`: `authorization: "Bearer <jwt>"` (checked
 * by the same verifier as HTTP) or `apiKey` (a partner key, resolved like `x-api-key`).
 * Nothing at all is anonymous; anything present and bad is refused, as over HTTP.
 */
export async function authenticateConnection(
  params: Readonly<Record<string, unknown>> | undefined,
  remoteAddress: string,
  { verifier, apiKeys }: ConnectionAuthOptions,
): Promise<Session> {
  const authorization = param(params, 'authorization');
  const apiKey = param(params, 'apiKey') ?? param(params, 'x-api-key');
  if (authorization !== undefined && apiKey !== undefined) {
    throw new ConnectionRefused('Send either authorization or apiKey, not both');
  }
  if (authorization !== undefined) {
    const viewer = await viewerFromAuthorization(verifier, authorization).catch(() => null);
    if (!viewer) throw new ConnectionRefused('Invalid or expired token');
    return {
      viewer,
      identity: `user:${viewer.userId}`,
      credentialKey: credentialKeyOf(viewer),
      expiresAt: expiryOf(bearerToken(authorization)),
      authorization: async () => authorization,
    };
  }
  if (apiKey !== undefined) {
    const identity = apiKeys ? await apiKeys.resolve(apiKey) : null;
    if (!apiKeys || !identity) throw new ConnectionRefused('Invalid or revoked API key');
    const viewer: Viewer = { ...identity };
    return {
      viewer,
      identity: `user:${viewer.userId}`,
      credentialKey: credentialKeyOf(viewer),
      expiresAt: undefined,
      authorization: partnerTokens(apiKeys, apiKey),
      stillValid: async () => (await apiKeys.resolve(apiKey, { fresh: true })) !== null,
    };
  }
  return {
    viewer: null,
    identity: `ip:${remoteAddress}`,
    credentialKey: 'anonymous',
    expiresAt: undefined,
    authorization: async () => undefined,
  };
}

const credentialKeyOf = (viewer: Viewer) =>
  JSON.stringify([viewer.userId, viewer.role, viewer.apiKeyId ?? null]);

/**
 * The `Authorization` for a partner's key, asked for before every operation: the key is
 * resolved again each time (the resolver caches it for API_KEY_CACHE_TTL_SECONDS, as for
 * HTTP, so a revoked key stops within that), and the minted token is reused until it is
 * about to expire.
 */
function partnerTokens(apiKeys: ApiKeyAuthentication, secret: string) {
  let current: { header: string; expiresAt: number } | undefined;
  let minting: Promise<string> | undefined;
  const mint = async (viewer: Viewer) => {
    const token = await apiKeys.issue(viewer);
    current = { header: `Bearer ${token}`, expiresAt: expiryOf(token) ?? 0 };
    return current.header;
  };
  return async () => {
    const identity = await apiKeys.resolve(secret);
    if (!identity) throw new ConnectionRefused('API key revoked');
    if (current && current.expiresAt - Date.now() > RENEW_BEFORE_MS) return current.header;
    minting ??= mint({ ...identity }).finally(() => {
      minting = undefined;
    });
    return minting;
  };
}

/** A string parameter, matched case-insensitively (`Authorization` as clients often send it). */
function param(params: Readonly<Record<string, unknown>> | undefined, name: string) {
  if (!params) return undefined;
  const key = Object.keys(params).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : params[key];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `exp` of a token that was verified or just minted (so it is well-formed), in ms. */
function expiryOf(token: string | null | undefined): number | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
