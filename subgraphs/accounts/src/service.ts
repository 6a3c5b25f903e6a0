import { createTokenIssuer } from '@travel/auth';
import {
  createSubgraphService,
  type SubgraphService,
  type SubgraphServiceDeps,
} from '@travel/service-kit';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import { createDb, type Db } from './db.ts';
import { createSignInThrottle } from './domain/sign-in-throttle.ts';
import { schema } from './schema/index.ts';

export type AccountsServiceOptions = SubgraphServiceDeps<Config>;

/**
 * The accounts subgraph with its database, tracing and, when REDIS_URL is set, the Redis
 * connection its sign-in throttle counts in (the kit's, closed with the service).
 */
export function createAccountsService(options: AccountsServiceOptions): SubgraphService<Db> {
  const { config, log } = options;
  return createSubgraphService(options, {
    name: 'accounts',
    createDb,
    parts({ db, redis: connect }) {
      // Sign-in counters shared by every instance; without Redis, each counts alone.
      const redis = connect('sign-in throttle');
      if (!redis) log.info('REDIS_URL not set: sign-in throttling counts per instance');
      const tokens = createTokenIssuer({
        secret: config.JWT_SECRET,
        ttlSeconds: config.JWT_TTL_SECONDS,
      });
      const throttle = createSignInThrottle(
        {
          ...(redis ? { redis } : {}),
          keyPrefix: config.REDIS_KEY_PREFIX,
          timeoutMs: config.REDIS_TIMEOUT_MS,
        },
        {
          loginMaxFailures: config.LOGIN_MAX_FAILURES,
          loginFailureWindowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
          loginMaxBlockSeconds: config.LOGIN_MAX_BLOCK_SECONDS,
          loginMaxFailuresPerAddress: config.LOGIN_MAX_FAILURES_PER_ADDRESS,
          signUpMaxPerAddress: config.SIGNUP_MAX_PER_ADDRESS,
          signUpMaxTakenPerAddress: config.SIGNUP_MAX_TAKEN_PER_ADDRESS,
          signUpWindowSeconds: config.SIGNUP_WINDOW_SECONDS,
        },
      );
      return {
        schema,
        trustedProxies: config.TRUSTED_PROXIES,
        createContext: createContext({ db, tokens, throttle }),
      };
    },
  });
}
