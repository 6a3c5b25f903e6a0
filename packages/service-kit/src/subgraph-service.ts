import type { Server } from 'node:http';
import { createTokenVerifier } from '@travel/auth';
import type { RunnableService } from '@travel/lifecycle';
import type { Logger } from '@travel/logger';
import { createTracing, type Tracer } from '@travel/tracing';
import type { PubSubEngine } from 'graphql-subscriptions';
import { type Listening, listen } from './listen.ts';
import type { PgAdapterOptions } from './pg-adapter.ts';
import { createServiceConnections, type ServiceConnections } from './service-connections.ts';
import {
  type BaseContext,
  createSubgraphServer,
  type SubgraphServerOptions,
} from './subgraph-server.ts';

/** The OTEL_* settings of a config (@travel/config's tracingEnv). */
type TracingSettings = Parameters<typeof createTracing>[0];

/** The settings every subgraph's config has (@travel/config's subgraphEnv). */
export interface SubgraphServiceConfig extends TracingSettings {
  HOST: string;
  /** 0 picks a free port (tests, the stack). */
  PORT: number;
  DATABASE_URL: string;
  JWT_SECRET: string;
  TOKEN_CACHE_MAX_ENTRIES: number;
  SHUTDOWN_DRAIN_TIMEOUT_MS: number;
  HTTP_KEEP_ALIVE_TIMEOUT_MS: number;
  HTTP_REQUEST_TIMEOUT_MS: number;
  /** Redis for entity changes and `redis()`; default none: entity changes stay in process. */
  REDIS_URL?: string | undefined;
}

/** What each createXService takes besides its own extras. */
export interface SubgraphServiceDeps<Config extends SubgraphServiceConfig> {
  config: Config;
  log: Logger;
  /** Called with every SQL statement the subgraph sends (tests and the stack count them). */
  onQuery?: ((sql: string) => void) | undefined;
}

/** The deps of a subgraph that announces entity changes (bookings, trips). */
export interface PublishingServiceDeps<Config extends SubgraphServiceConfig>
  extends SubgraphServiceDeps<Config> {
  /**
   * Where entity changes are published, owned by the caller (the stack's, shared with its
   * router). Default: Redis pub/sub on the config's REDIS_URL, else one in this process.
   */
  pubsub?: PubSubEngine | undefined;
}

/** What a subgraph's parts are built from, besides its options. */
export interface PartsDeps<Db> extends Pick<ServiceConnections, 'changes' | 'redis'> {
  db: Db;
  tracer: Tracer | undefined;
}

interface Database {
  $queryRaw(query: TemplateStringsArray): Promise<unknown>;
  $disconnect(): Promise<void>;
}

/** Work beside the server (bookings' hold sweeper): started once it listens. */
export interface BackgroundJob {
  start(): void;
  /** Resolves once the work under way has finished. */
  stop(): Promise<void>;
}

/** What a subgraph serves and runs over its database; the kit does the rest. */
export interface SubgraphParts<Ctx extends BaseContext>
  extends Omit<
    SubgraphServerOptions<Ctx>,
    'name' | 'log' | 'tracer' | 'verifier' | 'drainTimeoutMs' | 'keepAliveTimeoutMs' | 'checkReady'
  > {
  /** Started after the server listens, stopped in order after it has drained. Default none. */
  jobs?: BackgroundJob[];
  /** Closed in order after the jobs, before the database (clients, Redis). Default none. */
  close?: (() => Promise<unknown>)[];
}

/** One subgraph: its name, its database, and what it serves and runs over them. */
export interface SubgraphDefinition<Db, Ctx extends BaseContext> {
  name: string;
  createDb(url: string, options: PgAdapterOptions): Db;
  parts(deps: PartsDeps<Db>): SubgraphParts<Ctx>;
}

/** One subgraph with everything it runs, for its main.ts, the stack and the tests alike. */
export interface SubgraphService<Db> extends RunnableService {
  db: Db;
  httpServer: Server;
  /** Starts serving and listens on the config's HOST and PORT, then starts the jobs. */
  start(): Promise<Listening>;
  /**
   * Drains the server, then stops the jobs, closes what `close` lists, the database and the
   * tracing (last: the drain's and the disconnect's spans are exported too). Idempotent, and
   * safe before or after a failed start.
   */
  stop(): Promise<void>;
}

/**
 * The service of one subgraph (each createXService calls it with its options and definition):
 * opens its tracing (off unless its OTEL_* settings say otherwise) and database, builds its
 * parts and server (token verifier, readiness by `SELECT 1`, drain timeout from the config);
 * never listens before `start()`.
 */
export function createSubgraphService<
  Options extends PublishingServiceDeps<SubgraphServiceConfig>,
  Db extends Database,
  Ctx extends BaseContext,
>(options: Options, definition: SubgraphDefinition<Db, Ctx>): SubgraphService<Db> {
  const { name } = definition;
  const { config, log, onQuery } = options;
  const tracing = createTracing(config, { service: name, log });
  const tracer = tracing?.tracer;
  const db = definition.createDb(config.DATABASE_URL, {
    ...(onQuery ? { onQuery } : {}),
    tracer,
  });
  // Made when a part asks (entity changes, Redis); closed after the jobs.
  const connections = createServiceConnections({
    redisUrl: config.REDIS_URL,
    pubsub: options.pubsub,
    log,
  });
  const {
    jobs = [],
    close = [],
    ...serverParts
  } = definition.parts({
    db,
    tracer,
    changes: connections.changes,
    redis: connections.redis,
  });
  const server = createSubgraphServer<Ctx>({
    ...serverParts,
    name,
    log,
    tracer,
    drainTimeoutMs: config.SHUTDOWN_DRAIN_TIMEOUT_MS,
    keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    verifier: createTokenVerifier({
      secret: config.JWT_SECRET,
      cacheMaxEntries: config.TOKEN_CACHE_MAX_ENTRIES,
    }),
    async checkReady() {
      await db.$queryRaw`SELECT 1`;
    },
  });
  // Apollo Server refuses stop() before a successful start(); nothing to drain then anyway.
  let serving = false;
  const stop = async () => {
    if (serving) await server.stop();
    for (const job of jobs) await job.stop();
    for (const step of close) await step();
    await connections.close();
    await db.$disconnect();
    await tracing?.shutdown();
  };
  let stopping: Promise<void> | undefined;
  return {
    db,
    httpServer: server.httpServer,
    async start() {
      await server.start();
      serving = true;
      const listening = await listen(server.httpServer, config.PORT, config.HOST);
      for (const job of jobs) job.start();
      return listening;
    },
    announceShutdown: server.announceShutdown,
    stop: () => (stopping ??= stop()),
  };
}
