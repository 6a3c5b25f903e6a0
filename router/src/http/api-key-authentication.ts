import { createTokenIssuer } from '@travel/auth';
import type { Config } from '../config.ts';
import type { SubgraphEndpoint } from '../gateway/subgraphs.ts';
import type { KeyValueStore } from '../key-value-store.ts';
import { createApiKeyResolver } from './api-keys.ts';
import type { ApiKeyAuthentication } from './authenticate.ts';
import { createPartnerTokenCache } from './partner-tokens.ts';

/** Lifetime of a token minted for a partner: it only has to outlive the requests using it. */
const PARTNER_TOKEN_TTL_SECONDS = 60;
/**
 * A partner token is reused while it has this long left (so for ~20 s): more than any
 * request's life (SUBGRAPH_TIMEOUT_MS) and than a stream's renewal margin (20 s).
 */
const PARTNER_TOKEN_MIN_REMAINING_SECONDS = 40;

export interface ApiKeyAuthenticationOptions {
  config: Pick<
    Config,
    'JWT_SECRET' | 'API_KEY_CACHE_TTL_SECONDS' | 'API_KEY_NEGATIVE_CACHE_TTL_SECONDS'
  >;
  /** Resolutions are cached here (`apikey:<sha256 of secret>`). */
  store: KeyValueStore;
  /** The subgraphs in service (the gateway's), to find the accounts subgraph's URL. */
  subgraphs(): readonly SubgraphEndpoint[] | undefined;
}

/** `x-api-key` → the partner's identity (through accounts) → a token subgraphs trust. */
export function createApiKeyAuthentication(
  options: ApiKeyAuthenticationOptions,
): ApiKeyAuthentication {
  const { config } = options;
  const tokens = createTokenIssuer({
    secret: config.JWT_SECRET,
    ttlSeconds: PARTNER_TOKEN_TTL_SECONDS,
  });
  return {
    resolve: createApiKeyResolver({
      store: options.store,
      accountsUrl: () => options.subgraphs()?.find((s) => s.name === 'accounts')?.url,
      ttlSeconds: config.API_KEY_CACHE_TTL_SECONDS,
      negativeTtlSeconds: config.API_KEY_NEGATIVE_CACHE_TTL_SECONDS,
    }),
    issue: createPartnerTokenCache({
      mint: (viewer) => tokens.issue(viewer),
      ttlSeconds: PARTNER_TOKEN_TTL_SECONDS,
      minRemainingSeconds: PARTNER_TOKEN_MIN_REMAINING_SECONDS,
    }),
  };
}
