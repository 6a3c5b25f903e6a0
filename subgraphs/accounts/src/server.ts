import { createTokenIssuer, createTokenVerifier } from '@travel/auth';
import type { Logger } from '@travel/logger';
import { createSubgraphServer, type SubgraphServer } from '@travel/subgraph-kit';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import type { Db } from './db.ts';
import { schema } from './schema/index.ts';

export interface ServerDeps {
  config: Pick<Config, 'JWT_SECRET' | 'JWT_TTL_SECONDS' | 'SHUTDOWN_DRAIN_TIMEOUT_MS'>;
  db: Db;
  log: Logger;
}

/** The accounts subgraph's HTTP server (GraphQL, health, metrics); the caller listens. */
export function createServer({ config, db, log }: ServerDeps): SubgraphServer {
  const tokens = createTokenIssuer({
    secret: config.JWT_SECRET,
    ttlSeconds: config.JWT_TTL_SECONDS,
  });
  return createSubgraphServer({
    name: 'accounts',
    schema,
    log,
    drainTimeoutMs: config.SHUTDOWN_DRAIN_TIMEOUT_MS,
    verifier: createTokenVerifier({ secret: config.JWT_SECRET }),
    createContext: createContext({ db, tokens }),
    checkReady: async () => {
      await db.$queryRaw`SELECT 1`;
    },
  });
}
