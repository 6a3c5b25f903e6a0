import { createServer, type Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { createTokenVerifier } from '@travel/auth';
import {
  createHttpDrain,
  drainPlugin,
  type GracefulService,
  httpServerOptions,
} from '@travel/lifecycle';
import type { Logger } from '@travel/logger';
import {
  createClientAddress,
  createTurnEndAnswers,
  handleGraphQLRequest,
  metricsRoute,
} from '@travel/service-kit/http';
import { type Tracer, withSpan } from '@travel/tracing';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { Config } from './config.ts';
import { createContext, type RouterContext } from './context.ts';
import { createDemandControl } from './demand-control/demand-control.ts';
import { redisEntityChangePubSub } from './events/entity-change-source.ts';
import { createRouterErrorFormatter } from './format-error.ts';
import { createGateway } from './gateway/create-gateway.ts';
import { createApiKeyAuthentication } from './http/api-key-authentication.ts';
import { authenticate } from './http/authenticate.ts';
import { requestLog } from './http/client-identity.ts';
import { corsPolicy } from './http/cors.ts';
import { healthRoutes } from './http/health.ts';
import { createHttpHandler } from './http/http-handler.ts';
import { byteSize, jsonBody } from './http/json-body.ts';
import { createRouterMetrics } from './http/metrics.ts';
import { createReadiness } from './http/readiness.ts';
import { registerReadinessMetrics } from './http/readiness-metrics.ts';
import type { Step } from './http/request-state.ts';
import { securityHeaders } from './http/security-headers.ts';
import { createMemoryStore, createRedisStore } from './key-value-store.ts';
import { createPersistedQueries } from './persisted-queries/create-persisted-queries.ts';
import { badInputStatusPlugin } from './plugins/bad-input-status.ts';
import { landingPagePlugin } from './plugins/landing-page.ts';
import { createOperationLabeler, metricsPlugin } from './plugins/metrics.ts';
import { operationLimitRules } from './plugins/operation-limits.ts';
import { refuseSubscriptionsPlugin } from './plugins/refuse-subscriptions.ts';
import { setUpRateLimits } from './rate-limits/set-up.ts';
import { createRedisConnections } from './redis.ts';
import { setUpResponseCache } from './response-cache/set-up.ts';
import { createRouterSubscriptions } from './subscriptions/create-subscriptions.ts';

export interface RouterDeps {
  config: Config;
  log: Logger;
  /**
   * Entity changes in embedded mode: the in-process PubSub the subgraphs publish to (same
   * process). With REDIS_URL the router subscribes to Redis instead.
   */
  pubsub?: PubSubEngine;
  /** How long a `/readyz` report is reused; default 2000 ms. */
  readinessCacheMs?: number;
  /** Quiet time after a supergraph file change before reloading; default 100 ms. */
  reloadDebounceMs?: number;
  /**
   * The router's tracer (createTracing with `global: true`, so @apollo/gateway's spans join
   * it): a SERVER span per `/graphql` request (a child of the client's `traceparent`), spans
   * for authentication and the response cache lookup, and `traceparent` to the subgraphs.
   * Default none: tracing off, none of it is mounted.
   */
  tracer?: Tracer;
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
  const redis = config.REDIS_URL
    ? createRedisConnections(config.REDIS_URL, log, {
        // The backstop behind every caller's own deadline: never shorter than the longest.
        commandTimeoutMs: Math.max(
          config.REDIS_TIMEOUT_MS,
          config.RESPONSE_CACHE_TIMEOUT_MS,
          config.RESPONSE_CACHE_INVALIDATION_TIMEOUT_MS,
        ),
      })
    : undefined;
  const development = config.NODE_ENV === 'development';
  // Checked before anything is started: a bad BODY_LIMIT fails here, not per request.
  const bodyLimitBytes = byteSize(config.BODY_LIMIT);
  // X-Forwarded-For is believed from TRUSTED_PROXIES only, over HTTP and WebSocket alike.
  const clientAddress = createClientAddress(config.TRUSTED_PROXIES);
  // Its request listener, the HTTP handler, is added once the routes exist (below).
  const httpServer = createServer(
    httpServerOptions({
      keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    }),
  );
  const drain = createHttpDrain(httpServer, { timeoutMs: config.SHUTDOWN_DRAIN_TIMEOUT_MS });
  const metrics = createRouterMetrics();
  const {
    gateway,
    subgraphs,
    close: closeSubgraphConnections,
  } = createGateway({
    supergraphPath: config.SUPERGRAPH_PATH,
    subgraphUrls: config.SUBGRAPH_URLS,
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    subgraphMaxConnections: config.SUBGRAPH_MAX_CONNECTIONS,
    dedup: config.SUBGRAPH_DEDUP,
    planExecutor: config.PLAN_EXECUTOR === 'router' && !options.tracer,
    log,
    onFetchError: (subgraph) => metrics.subgraphFetchErrors.inc({ subgraph }),
    onFetchDone: (subgraph, seconds) =>
      metrics.subgraphFetchDuration.observe({ subgraph }, seconds),
    onFetchDeduplicated: (subgraph) => metrics.subgraphFetchDeduplicated.inc({ subgraph }),
    onFetchesBatched: (subgraph, count) => metrics.subgraphFetchesBatched.inc({ subgraph }, count),
    onRepresentationsDeduplicated: (subgraph, count) =>
      metrics.subgraphRepresentationsDeduplicated.inc({ subgraph }, count),
    reloadDebounceMs: options.reloadDebounceMs,
  });
  // APQ bodies and API key resolutions: shared in Redis (each call bounded by
  // REDIS_TIMEOUT_MS, a miss when slower), else one in-process store each.
  const storeFor = (store: 'apq' | 'api_keys') =>
    redis
      ? createRedisStore(redis.client, {
          prefix: config.REDIS_KEY_PREFIX,
          timeoutMs: config.REDIS_TIMEOUT_MS,
          log,
          onFallback: (op, reason) => metrics.redisFallbacks.inc({ store, op, reason }),
        })
      : createMemoryStore();
  const persisted = createPersistedQueries({
    config,
    log,
    registry: metrics.registry,
    store: storeFor('apq'),
    reloadDebounceMs: options.reloadDebounceMs,
  });
  const apiKeys = createApiKeyAuthentication({ config, store: storeFor('api_keys'), subgraphs });
  // One verifier for HTTP and WebSocket: a token verified on either is not verified again.
  const verifier = createTokenVerifier({
    secret: config.JWT_SECRET,
    cacheMaxEntries: config.TOKEN_CACHE_MAX_ENTRIES,
  });
  // Entity changes: Redis pub/sub shared by every instance, else the in-process engine.
  const entityChanges = redis ? redisEntityChangePubSub(redis) : options.pubsub;
  const responseCache = setUpResponseCache({
    config,
    log,
    redis,
    registry: metrics.registry,
    entityChanges,
    tracer: options.tracer,
  });
  const rateLimits = setUpRateLimits({ config, log, redis, metrics });
  const validationRules = operationLimitRules({
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxDirectives: config.MAX_DIRECTIVES,
  });
  const demandControl = createDemandControl({
    maxCost: config.MAX_COST,
    defaultListSize: config.DEFAULT_LIST_SIZE,
  });

  // Whole answers of GraphQL requests (cache hits and Apollo's), written together per turn.
  const answers = createTurnEndAnswers((err) => log.error({ err }, 'answer not written'));

  // One bound on operation labels for the pipeline and the response cache's fast path.
  const operationLabeler = createOperationLabeler({
    list: persisted.list,
    maxUnlistedOperations: config.METRICS_MAX_UNLISTED_OPERATIONS,
  });

  // A fixed order: reporting off before anything could report; metrics time every operation
  // that reached GraphQL; rate limits spend the cost demand control estimated (so after it) and
  // before the response cache answers; the status fix sees the final, formatted response.
  // The one error formatter: HTTP answers and every subscription transport's errors.
  // It also strips "Did you mean …?" from every other error (variables, subgraphs …).
  const formatError = createRouterErrorFormatter(log, { hideSchemaHints: !development });
  const plugins: ApolloServerPlugin<RouterContext>[] = [
    // apollo.stop() drains HTTP first; operations run on meanwhile.
    drainPlugin(drain),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    landingPagePlugin(config.NODE_ENV),
    persisted.plugin,
    // Cost with the variables, before planning. A response-cache hit is answered later in the
    // pipeline (responseForOperation), so hits are costed too: the same refusal and the same
    // operationCost for rate limits, cached or not.
    demandControl.plugin,
    rateLimits.plugin,
    ...responseCache.plugins,
    metricsPlugin({ registry: metrics.registry, labeler: operationLabeler }),
    badInputStatusPlugin(),
    // Subscriptions are served before Apollo; one that got here anyway is refused, not run.
    refuseSubscriptionsPlugin(),
  ];
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    plugins,
    persistedQueries: persisted.apq,
    // An answer the response cache serialized to store is sent as that string, not printed
    // again; undefined (Apollo's own printing) with the cache off.
    stringifyResult: responseCache.stringifyResult,
    // Depth, aliases, directives: refused before planning, so no subgraph is called.
    validationRules,
    // Parsing stops at the limit: a huge document costs little before it is refused (400).
    parseOptions: { maxTokens: config.MAX_TOKENS },
    introspection: development,
    // No "Did you mean …?" outside development: it would reveal the schema introspection hides.
    hideSchemaDetailsFromClientErrors: !development,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    formatError,
    logger: log,
    // main.ts owns the process signals.
    stopOnTerminationSignals: false,
  });

  // Subscriptions on the same port and path (DESIGN decision 7) over WebSocket, multipart and
  // SSE, fed by the entity changes.
  const subscriptions = createRouterSubscriptions({
    config,
    log,
    verifier,
    httpServer,
    gateway,
    pubsub: entityChanges,
    apiKeys,
    validationRules,
    checkCost: demandControl.check,
    formatError,
    persisted: { list: persisted.list, mode: config.PERSISTED_QUERIES_MODE, development },
    unlisted: persisted.unlisted,
    registry: metrics.registry,
    clientAddress,
    rateLimits: rateLimits.limits,
  });

  const readiness = createReadiness({
    subgraphs,
    draining: () => drain.draining,
    cacheMs: options.readinessCacheMs,
  });
  registerReadinessMetrics(metrics.registry, readiness);
  const { tracer } = options;
  const http = createHttpHandler({
    log,
    // Every answer, /healthz and errors included.
    headers: securityHeaders({ hstsMaxAgeSeconds: config.HSTS_MAX_AGE_SECONDS }),
    // First on /graphql: a refusal (401, 413, 429 …) must reach the browser app too.
    cors: corsPolicy({ origins: config.CORS_ORIGINS, development }),
    clientAddress,
    routes: new Map([...healthRoutes(readiness), ['/metrics', metricsRoute(metrics.registry)]]),
    tracer,
  });
  httpServer.on('request', http.listener);

  let stopping: Promise<void> | undefined;
  return {
    httpServer,
    async start() {
      await persisted.start();
      await apollo.start();
      responseCache.start();
      subscriptions.start();
      const fastPath = responseCache.fastPath?.({
        limits: rateLimits.limits,
        unlisted: persisted.unlisted,
        list: persisted.list,
        labeler: operationLabeler,
        answers,
      });
      const authentication = authenticate({ verifier, apiKeys, log });
      const context = createContext(log);
      // After CORS, the server span and the request id (http-handler.ts), in this order.
      const steps: Step[] = [
        requestLog({ log, registry: metrics.registry }),
        // Tracing off: no span at all.
        tracer
          ? (req, res, state) =>
              withSpan(tracer, 'router.authenticate', async () => authentication(req, res, state))
          : authentication,
        jsonBody(bodyLimitBytes),
        // Subscriptions (multipart, SSE) are served here and never reach Apollo; they take
        // their persisted query decision from the same functions as persisted.documents.
        subscriptions.http,
        persisted.documents,
        // Cache hits of known query texts, after authentication and persisted-query enforcement.
        ...(fastPath ? [fastPath] : []),
      ];
      http.mount({
        steps,
        graphql: (req, res, state) =>
          handleGraphQLRequest(apollo, req, res, state.body, () => context(req, state), answers),
      });
    },
    announceShutdown: drain.announce,
    stop() {
      // Once: a signal and a test harness (or two signals) may both ask.
      stopping ??= (async () => {
        drain.announce();
        // Sockets first (1001 Going Away): clients reconnect elsewhere while HTTP drains.
        await subscriptions.stop();
        await apollo.stop();
        // Every operation has finished: no subgraph call is left to wait for.
        await closeSubgraphConnections();
        await responseCache.stop();
        await persisted.stop();
        await redis?.close();
      })();
      return stopping;
    },
  };
}
