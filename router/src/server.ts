import { createServer, type Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { createTokenVerifier } from '@travel/auth';
import { httpErrorHandler } from '@travel/errors';
import { createHttpDrain, drainPlugin, type GracefulService } from '@travel/lifecycle';
import type { Logger } from '@travel/logger';
import express from 'express';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { Config } from './config.ts';
import { createContext, type RouterContext } from './context.ts';
import { redisBookingPubSub } from './events/booking-events.ts';
import { createRouterErrorFormatter } from './format-error.ts';
import { createGateway } from './gateway/create-gateway.ts';
import { createApiKeyAuthentication } from './http/api-key-authentication.ts';
import { authenticate } from './http/authenticate.ts';
import { requestLog } from './http/client-identity.ts';
import { healthRoutes } from './http/health.ts';
import { createRouterMetrics, metricsHandler } from './http/metrics.ts';
import { createReadiness } from './http/readiness.ts';
import { requestId } from './http/request-id.ts';
import { createMemoryStore, createRedisStore } from './key-value-store.ts';
import { createPersistedQueries } from './persisted-queries/create-persisted-queries.ts';
import { badInputStatusPlugin } from './plugins/bad-input-status.ts';
import { landingPagePlugin } from './plugins/landing-page.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import { operationLimitRules } from './plugins/operation-limits.ts';
import { createRedisConnections } from './redis.ts';
import { setUpResponseCache } from './response-cache/set-up.ts';
import { createRouterSubscriptions } from './subscriptions/create-subscriptions.ts';

export interface RouterDeps {
  config: Config;
  log: Logger;
  /**
   * Booking events in embedded mode: the in-process PubSub the bookings subgraph publishes to
   * (same process). With REDIS_URL the router subscribes to Redis instead.
   */
  pubsub?: PubSubEngine;
  /** How long a `/readyz` report is reused; default 2000 ms. */
  readinessCacheMs?: number;
  /** Quiet time after a supergraph file change before reloading; default 100 ms. */
  reloadDebounceMs?: number;
}

export interface Router extends GracefulService {
  httpServer: Server;
  /** Loads the supergraph and mounts the routes; rejects if the supergraph can not be served. */
  start(): Promise<void>;
  /** `/readyz` answers 503 from now on; requests are still served (see shutdownGracefully). */
  announceShutdown(): void;
  /**
   * Closes subscription sockets (1001), stops accepting (new connections refused), lets
   * in-flight requests finish within SHUTDOWN_DRAIN_TIMEOUT_MS, then closes Redis and watchers.
   */
  stop(): Promise<void>;
}

/** The router: `/graphql` over the supergraph, `/healthz`, `/readyz`, `/metrics`. Never listens. */
export function createRouter({ config, log, ...options }: RouterDeps): Router {
  // The only Redis connections of this instance (redis.ts); absent in embedded mode.
  const redis = config.REDIS_URL ? createRedisConnections(config.REDIS_URL, log) : undefined;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const drain = createHttpDrain(httpServer, { timeoutMs: config.SHUTDOWN_DRAIN_TIMEOUT_MS });
  const metrics = createRouterMetrics();
  const { gateway, subgraphs } = createGateway({
    supergraphPath: config.SUPERGRAPH_PATH,
    subgraphUrls: config.SUBGRAPH_URLS,
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    log,
    onFetchError: (subgraph) => metrics.subgraphFetchErrors.inc({ subgraph }),
    reloadDebounceMs: options.reloadDebounceMs,
  });
  const development = config.NODE_ENV === 'development';
  // APQ bodies and API key resolutions: shared in Redis, else one in-process store each.
  const storeFor = () =>
    redis ? createRedisStore(redis.client, config.REDIS_KEY_PREFIX, log) : createMemoryStore();
  const persisted = createPersistedQueries({
    config,
    log,
    registry: metrics.registry,
    store: storeFor(),
    reloadDebounceMs: options.reloadDebounceMs,
  });
  const apiKeys = createApiKeyAuthentication({ config, store: storeFor(), subgraphs });
  // Booking events: Redis pub/sub shared by every instance, else the in-process engine.
  const bookingEvents = redis ? redisBookingPubSub(redis) : options.pubsub;
  const responseCache = setUpResponseCache({
    config,
    log,
    redis,
    registry: metrics.registry,
    bookingEvents,
  });
  const validationRules = operationLimitRules({
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxDirectives: config.MAX_DIRECTIVES,
    maxCost: config.MAX_COST,
  });

  // A fixed order: reporting off before anything could report; metrics time every operation
  // that reached GraphQL; the status fix sees the final, formatted response.
  const plugins: ApolloServerPlugin<RouterContext>[] = [
    // apollo.stop() drains HTTP first; operations run on meanwhile.
    drainPlugin(drain),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    landingPagePlugin(config.NODE_ENV),
    persisted.plugin,
    ...responseCache.plugins,
    metricsPlugin(metrics.requestDuration),
    badInputStatusPlugin(),
  ];
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    plugins,
    persistedQueries: persisted.apq,
    // Depth, aliases, directives, cost: refused before planning, so no subgraph is called.
    validationRules,
    // Parsing stops at the limit: a huge document costs little before it is refused (400).
    parseOptions: { maxTokens: config.MAX_TOKENS },
    introspection: development,
    // No "Did you mean …?" outside development: it would reveal the schema introspection hides.
    hideSchemaDetailsFromClientErrors: !development,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    formatError: createRouterErrorFormatter(log),
    logger: log,
    // main.ts owns the process signals.
    stopOnTerminationSignals: false,
  });

  // graphql-ws on the same port and path (DESIGN decision 7), fed by the booking events.
  const subscriptions = createRouterSubscriptions({
    config,
    log,
    httpServer,
    gateway,
    pubsub: bookingEvents,
    apiKeys,
    validationRules,
    registry: metrics.registry,
  });

  const readiness = createReadiness({
    subgraphs,
    draining: () => drain.draining,
    cacheMs: options.readinessCacheMs,
  });
  app.use(healthRoutes(readiness));
  app.get('/metrics', metricsHandler(metrics.registry));

  let stopping: Promise<void> | undefined;
  return {
    httpServer,
    async start() {
      await persisted.start();
      await apollo.start();
      responseCache.start();
      subscriptions.start();
      app.use(
        '/graphql',
        requestId,
        requestLog({ log, registry: metrics.registry }),
        authenticate({
          verifier: createTokenVerifier({ secret: config.JWT_SECRET }),
          apiKeys,
          log,
        }),
        express.json({ limit: config.BODY_LIMIT }),
        persisted.documents,
        expressMiddleware(apollo, { context: createContext(log) }),
      );
      app.use(httpErrorHandler(log));
    },
    announceShutdown: drain.announce,
    stop() {
      // Once: a signal and a test harness (or two signals) may both ask.
      stopping ??= (async () => {
        drain.announce();
        // Sockets first (1001 Going Away): clients reconnect elsewhere while HTTP drains.
        await subscriptions.stop();
        await apollo.stop();
        await responseCache.stop();
        await persisted.stop();
        await redis?.close();
      })();
      return stopping;
    },
  };
}
