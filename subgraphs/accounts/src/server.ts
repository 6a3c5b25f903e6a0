import { createTokenIssuer, createTokenVerifier } from '@travel/auth';
import type { Logger } from '@travel/logger';
import type { RedisClient } from '@travel/redis';
import { createSubgraphServer, type SubgraphServer } from '@travel/subgraph-kit';
import type { Tracer } from '@travel/tracing';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import type { Db } from './db.ts';
import { createSignInThrottle } from './domain/sign-in-throttle.ts';
import { schema } from './schema/index.ts';

export interface ServerDeps {
  config: Pick<
    Config,
    | 'JWT_SECRET'
    | 'TOKEN_CACHE_MAX_ENTRIES'
    | 'JWT_TTL_SECONDS'
    | 'TRUSTED_PROXIES'
    | 'REDIS_KEY_PREFIX'
    | 'REDIS_TIMEOUT_MS'
    | 'LOGIN_MAX_FAILURES'
    | 'LOGIN_FAILURE_WINDOW_SECONDS'
    | 'LOGIN_MAX_BLOCK_SECONDS'
    | 'LOGIN_MAX_FAILURES_PER_ADDRESS'
    | 'SIGNUP_MAX_PER_ADDRESS'
    | 'SIGNUP_MAX_TAKEN_PER_ADDRESS'
    | 'SIGNUP_WINDOW_SECONDS'
    | 'SHUTDOWN_DRAIN_TIMEOUT_MS'
  >;
  db: Db;
  log: Logger;
  /** Sign-in counters shared by every instance; absent: in process. */
  redis?: RedisClient;
  /** This subgraph's tracer (createTracing); default none: tracing off. */
  tracer?: Tracer;
}

/** The accounts subgraph's HTTP server (GraphQL, health, metrics); the caller listens. */
export function createServer({ config, db, log, redis, tracer }: ServerDeps): SubgraphServer {
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
  return createSubgraphServer({
    name: 'accounts',
    schema,
    log,
    tracer,
    drainTimeoutMs: config.SHUTDOWN_DRAIN_TIMEOUT_MS,
    verifier: createTokenVerifier({
      secret: config.JWT_SECRET,
      cacheMaxEntries: config.TOKEN_CACHE_MAX_ENTRIES,
    }),
    trustedProxies: config.TRUSTED_PROXIES,
    createContext: createContext({ db, tokens, throttle }),
    checkReady: async () => {
      await db.$queryRaw`SELECT 1`;
    },
  });
}
