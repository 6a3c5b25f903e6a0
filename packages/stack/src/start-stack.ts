import type { Config as AccountsConfig } from '@travel/accounts';
import type { GracefulService } from '@travel/lifecycle';
import type { Logger } from '@travel/logger';
import { createRouter, loadConfig as loadRouterConfig } from '@travel/router';
import { listen } from '@travel/service-kit';
import { createTracing } from '@travel/tracing';
import type { PubSubEngine } from 'graphql-subscriptions';
import { seedDemoData } from './seed/seed-demo.ts';
import { startSubgraphs } from './start-subgraphs.ts';
import type { SubgraphName } from './subgraphs.ts';

export interface StackOptions {
  databaseUrls: Record<SubgraphName, string>;
  jwtSecret: string;
  log: Logger;
  /** Router port; 0 picks free ports for everything (tests). Default 4000. */
  port?: number;
  /** Router interface; default 127.0.0.1. Subgraphs always listen on 127.0.0.1. */
  host?: string;
  /** Default `development`. */
  nodeEnv?: 'development' | 'production' | 'test';
  logLevel?: string;
  /** Seed demo data into empty databases; default false (`pnpm start` turns it on). */
  seed?: boolean;
  /**
   * Extra router environment (limits, Redis …), as the router's loadConfig reads it. Its
   * REDIS_URL is also accounts' (sign-in throttling), under `<REDIS_KEY_PREFIX>accounts:`
   * when it sets a prefix.
   */
  routerEnv?: NodeJS.ProcessEnv;
  /** Accounts settings over the stack's (sign-in throttling limits …), typed. Default none. */
  accounts?: Partial<AccountsConfig>;
  /**
   * OTEL_* variables for every service (tracing, off unless OTEL_TRACES_EXPORTER says so). Each
   * service gets a tracer provider and exporter of its own and names itself (`router`,
   * `hotels` …): OTEL_SERVICE_NAME is not passed on. Default none.
   */
  tracingEnv?: NodeJS.ProcessEnv;
  /** Called with every SQL statement a subgraph sends (tests count them). */
  onQuery?: (subgraph: SubgraphName, sql: string) => void;
  /** Where entity changes go: Redis pub/sub, or one in-process PubSub shared with the router. */
  pubsub: PubSubEngine;
  /** Each service's wait for its in-flight requests when stopping; default 10000 ms. */
  shutdownDrainTimeoutMs?: number;
}

export interface RunningStack extends GracefulService {
  /** The router's GraphQL endpoint. */
  url: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** Every service's `/readyz` answers 503 from now on; they all still serve. */
  announceShutdown(): void;
  /**
   * Stops everything this stack started, the router first, each service draining its
   * requests (safe to call after stopSubgraph).
   */
  stop(): Promise<void>;
  /** One more router instance over the same subgraphs, on a free port; `env` overrides its config. */
  startRouter(env?: NodeJS.ProcessEnv): Promise<{ url: string; stop(): Promise<void> }>;
  /** Stops one subgraph (tests of a failing dependency). */
  stopSubgraph(name: SubgraphName): Promise<void>;
}

/**
 * Starts the subgraphs (in dependency order: a subgraph that calls another starts after it)
 * and then the router, in this process; subgraphs take the ports after the router's.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { log, port = 4000, nodeEnv = 'development', logLevel = 'info' } = options;
  const stops: (() => Promise<void>)[] = [];
  const announcements: (() => void)[] = [];
  const drainTimeoutMs = options.shutdownDrainTimeoutMs ?? 10_000;
  const drainTimeout = String(drainTimeoutMs);
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch((err) => log.error({ err }, 'stop failed'));
  };
  const { OTEL_SERVICE_NAME: _ignored, ...tracingEnv } = options.tracingEnv ?? {};
  const subgraphStops = new Map<SubgraphName, () => Promise<void>>();

  try {
    const subgraphs = await startSubgraphs(
      {
        databaseUrls: options.databaseUrls,
        jwtSecret: options.jwtSecret,
        log,
        port,
        redisUrl: options.routerEnv?.REDIS_URL,
        redisKeyPrefix: options.routerEnv?.REDIS_KEY_PREFIX,
        accounts: options.accounts,
        tracingEnv,
        onQuery: options.onQuery,
        pubsub: options.pubsub,
        shutdownDrainTimeoutMs: drainTimeoutMs,
      },
      (name, service) => {
        stops.push(service.stop);
        announcements.push(service.announceShutdown);
        subgraphStops.set(name, service.stop);
      },
    );
    const subgraphUrls = subgraphs.urls;
    if (options.seed) await seedDemoData(subgraphs.dbs, log);

    const startRouter = async (env: NodeJS.ProcessEnv = {}, routerPort = port) => {
      const routerConfig = loadRouterConfig({
        ...tracingEnv,
        ...options.routerEnv,
        NODE_ENV: nodeEnv,
        LOG_LEVEL: logLevel,
        PORT: String(routerPort),
        HOST: options.host ?? '127.0.0.1',
        JWT_SECRET: options.jwtSecret,
        SHUTDOWN_DRAIN_TIMEOUT_MS: drainTimeout,
        SUBGRAPH_URL_ACCOUNTS: subgraphUrls.accounts,
        SUBGRAPH_URL_HOTELS: subgraphUrls.hotels,
        SUBGRAPH_URL_BOOKINGS: subgraphUrls.bookings,
        SUBGRAPH_URL_TRIPS: subgraphUrls.trips,
        ...env,
      });
      // Global, as in the router's main.ts: @apollo/gateway's spans. A second traced router in
      // this process would find the global taken: its gateway's spans go to the first one's.
      const routerLog = log.child({ service: 'router' });
      const tracing = createTracing(routerConfig, {
        service: 'router',
        global: true,
        log: routerLog,
      });
      const router = createRouter({
        config: routerConfig,
        log: routerLog,
        pubsub: options.pubsub,
        tracer: tracing?.tracer,
      });
      await router.start();
      // Spans last: the drain's are exported too.
      const stopRouter = once(async () => {
        await router.stop();
        await tracing?.shutdown();
      });
      stops.push(stopRouter);
      announcements.push(router.announceShutdown);
      const listening = await listen(router.httpServer, routerConfig.PORT, routerConfig.HOST);
      return { url: `http://localhost:${listening.port}/graphql`, stop: stopRouter };
    };
    const router = await startRouter();
    return {
      url: router.url,
      subgraphUrls,
      announceShutdown: () => {
        for (const announce of announcements) announce();
      },
      stop,
      startRouter: (env) => startRouter(env, 0),
      stopSubgraph: async (name) => subgraphStops.get(name)?.(),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A stop that may be asked twice (a test stops a subgraph, then the whole stack). */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= fn();
    return done;
  };
}
