import type { IncomingHttpHeaders } from 'node:http';
import { type TokenVerifier, type Viewer, verifyAuthorization } from '@travel/auth';
import { AppError } from '@travel/errors';
import type { ApiKeyAuthentication } from '../http/authenticate.ts';

/**
 * Who sends an operation, settled once per HTTP request, WebSocket or HTTP stream: the same for
 * every transport (STYLE "one pipeline, many transports").
 */
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
  /** When a bearer token stops being valid (ms since the epoch): a stream is closed then. */
  expiresAt: number | undefined;
  /**
   * The `Authorization` to forward to subgraphs now (they verify it again). For an API key, a
   * short-lived token minted for the partner; every later call asks again whether the key still
   * stands (cached for API_KEY_CACHE_TTL_SECONDS) and renews the token before it expires;
   * rejects with CredentialsRefused once the key is revoked.
   */
  authorization(): Promise<string | undefined>;
  /**
   * Whether the credentials still stand, asking their source again (an API key: accounts,
   * not the cache). False closes a stream; throws ApiKeyLookupError when it can not tell.
   * Absent when there is nothing to ask (a token carries its own expiry; anonymous).
   */
  stillValid?(): Promise<boolean>;
}

/** What a caller presented: the `Authorization` and `x-api-key` headers, or their stand-ins. */
export interface Credentials {
  authorization?: string;
  apiKey?: string;
}

export interface AuthenticateCredentialsOptions {
  verifier: TokenVerifier;
  /** Partners' API keys; without it an API key is refused. */
  apiKeys?: ApiKeyAuthentication;
}

/**
 * Credentials that are present but not good: refused, never made anonymous. UNAUTHENTICATED
 * (HTTP 401, WebSocket close 4403) or BAD_REQUEST (both kinds at once; HTTP 400).
 */
export class CredentialsRefused extends AppError {
  constructor(message: string, code: 'UNAUTHENTICATED' | 'BAD_REQUEST' = 'UNAUTHENTICATED') {
    super(message, code);
    this.name = 'CredentialsRefused';
  }
}

/**
 * `Session.authorization` of a header that never changes. Made by a call rather than written as
 * a property's arrow: under tsx (keepNames) a named per-request closure costs a defineProperty.
 */
const always = (value: string | undefined) => () => Promise.resolve(value);
const noAuthorization = always(undefined);

/** A minted partner token is renewed when it has less than this left. */
const RENEW_BEFORE_MS = 20_000;

/** HTTP: the `Authorization` and `x-api-key` headers. */
export function credentialsFromHeaders(headers: IncomingHttpHeaders): Credentials {
  const apiKey = headers['x-api-key'];
  return {
    authorization: headers.authorization,
    // A repeated header is no key at all: refused like an unknown one.
    apiKey: Array.isArray(apiKey) ? '' : apiKey,
  };
}

/**
 * WebSocket: `connectionParams` are headers (as Hive Gateway reads them): `authorization`, and
 * `x-api-key` or `apiKey`, matched case-insensitively (`Authorization` as clients often send it).
 */
export function credentialsFromConnectionParams(
  params: Readonly<Record<string, unknown>> | undefined,
): Credentials {
  return {
    authorization: param(params, 'authorization'),
    apiKey: param(params, 'x-api-key') ?? param(params, 'apiKey'),
  };
}

/**
 * The session of a caller: a bearer token (checked by the one verifier) or a partner's API key
 * (resolved through accounts, cached, then replaced by a token minted for the partner). Nothing
 * at all is anonymous; anything present and bad throws CredentialsRefused; an API key that
 * can not be checked now throws ApiKeyLookupError.
 */
export async function authenticateCredentials(
  { authorization, apiKey }: Credentials,
  clientAddress: string,
  { verifier, apiKeys }: AuthenticateCredentialsOptions,
): Promise<Session> {
  if (authorization !== undefined && apiKey !== undefined) {
    throw new CredentialsRefused('Send either Authorization or x-api-key, not both', 'BAD_REQUEST');
  }
  if (authorization !== undefined) {
    const verified = await verifyAuthorization(verifier, authorization).catch((error) => {
      throw new CredentialsRefused(error instanceof AppError ? error.message : 'Invalid token');
    });
    if (!verified) throw new CredentialsRefused('Invalid or expired token');
    const { viewer, expiresAt } = verified;
    return {
      viewer,
      identity: `user:${viewer.userId}`,
      credentialKey: credentialKeyOf(viewer),
      expiresAt,
      authorization: always(authorization),
    };
  }
  if (apiKey !== undefined) {
    const identity = apiKeys && apiKey !== '' ? await apiKeys.resolve(apiKey) : null;
    if (!apiKeys || !identity) throw new CredentialsRefused('Invalid or revoked API key');
    const viewer: Viewer = { ...identity };
    return {
      viewer,
      identity: `user:${viewer.userId}`,
      credentialKey: credentialKeyOf(viewer),
      expiresAt: undefined,
      authorization: await partnerTokens(apiKeys, apiKey, viewer),
      stillValid: async () => (await apiKeys.resolve(apiKey, { fresh: true })) !== null,
    };
  }
  return anonymousSession(clientAddress);
}

/** No credentials at all: whoever calls from `clientAddress`, limited by address. */
export function anonymousSession(clientAddress: string): Session {
  return {
    viewer: null,
    identity: `ip:${clientAddress}`,
    credentialKey: 'anonymous',
    expiresAt: undefined,
    authorization: noAuthorization,
  };
}

export const hasCredentials = ({ authorization, apiKey }: Credentials) =>
  authorization !== undefined || apiKey !== undefined;

const credentialKeyOf = (viewer: Viewer) =>
  JSON.stringify([viewer.userId, viewer.role, viewer.apiKeyId ?? null]);

/**
 * The `Authorization` for a partner's key: minted now (the key was just resolved), then, for
 * each later operation of a long-lived stream, the key is resolved again (cached as for HTTP,
 * so a revoked key stops within API_KEY_CACHE_TTL_SECONDS) and the token renewed when it is
 * about to expire.
 */
async function partnerTokens(apiKeys: ApiKeyAuthentication, secret: string, viewer: Viewer) {
  const mint = async (who: Viewer) => {
    const token = await apiKeys.issue(who);
    return { header: `Bearer ${token}`, expiresAt: expiryOf(token) ?? 0 };
  };
  let current = await mint(viewer);
  let first = true;
  let minting: Promise<string> | undefined;
  return async () => {
    if (first) {
      first = false;
      return current.header;
    }
    const identity = await apiKeys.resolve(secret);
    if (!identity) throw new CredentialsRefused('API key revoked');
    if (current.expiresAt - Date.now() > RENEW_BEFORE_MS) return current.header;
    minting ??= mint({ ...identity })
      .then((renewed) => {
        current = renewed;
        return renewed.header;
      })
      .finally(() => {
        minting = undefined;
      });
    return minting;
  };
}

/** A string parameter, matched case-insensitively. */
function param(params: Readonly<Record<string, unknown>> | undefined, name: string) {
  if (!params) return undefined;
  const key = Object.keys(params).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : params[key];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `exp` of a token just minted (so it is well-formed), in ms. */
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
