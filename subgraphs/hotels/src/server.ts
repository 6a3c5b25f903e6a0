import { createTokenVerifier } from '@travel/auth';
import type { Logger } from '@travel/logger';
import { createSubgraphServer, type SubgraphServer } from '@travel/subgraph-kit';
import type { Tracer } from '@travel/tracing';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import type { Db } from './db.ts';
import { schema } from './schema/index.ts';

export interface ServerDeps {
  config: Config;
  db: Db;
  log: Logger;
  /** This subgraph's tracer (createTracing); default none: tracing off. */
  tracer?: Tracer;
}

/** The hotels subgraph's HTTP server, not yet listening. */
export function createServer({ config, db, log, tracer }: ServerDeps): SubgraphServer {
  return createSubgraphServer({
    name: 'hotels',
    schema,
    log,
    tracer,
    drainTimeoutMs: config.SHUTDOWN_DRAIN_TIMEOUT_MS,
    verifier: createTokenVerifier({
      secret: config.JWT_SECRET,
      cacheMaxEntries: config.TOKEN_CACHE_MAX_ENTRIES,
    }),
    createContext: createContext({ db }),
    async checkReady() {
      await db.$queryRaw`SELECT 1`;
    },
  });
}
