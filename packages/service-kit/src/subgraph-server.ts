import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { context } from '@opentelemetry/api';
import { type TokenVerifier, type Viewer, viewerFromAuthorization } from '@travel/auth';
import { createErrorFormatter, type ErrorResponse, sendErrorResponse } from '@travel/errors';
import {
  createHttpDrain,
  drainPlugin,
  type GracefulService,
  httpServerOptions,
} from '@travel/lifecycle';
import { type Logger, requestIdFrom } from '@travel/logger';
import { createMetricsRegistry, requestMetricsPlugin } from '@travel/metrics';
import { startServerSpan, type Tracer } from '@travel/tracing';
import type { GraphQLSchema } from 'graphql';
import type { Registry } from 'prom-client';
import { cacheControlPlugin } from './cache-control-plugin.ts';
import { createClientAddress } from './client-address.ts';
import { handleGraphQLRequest } from './graphql-http-handler.ts';
import { type EntityInvalidations, invalidationsPlugin } from './invalidations.ts';
import { readJsonBody } from './read-json-body.ts';
import { createRequestBase } from './request-base.ts';
import { cancelOnDisconnect, type RequestCancellation } from './request-signal.ts';
import { serviceRoutes } from './service-routes.ts';

/** What every subgraph's context starts from; each subgraph adds its db and loaders. */
export interface BaseContext extends EntityInvalidations {
  viewer: Viewer | null;
  requestId: string;
  log: Logger;
  /** The caller's `Authorization` header, forwarded when this subgraph calls another for it. */
  authorization?: string;
  /**
   * The client's address: `X-Forwarded-For` as the router (a trusted proxy) forwards it, else
   * the socket's peer. Sign-in throttling counts by it.
   */
  clientAddress: string;
  /**
   * Whether the caller (the router, whose timeout fired) closed the connection before the
   * answer was sent: the request's work should stop then. Its database stops on its own when
   * made for it (`db.$forRequest(ctx.cancellation)`).
   */
  cancellation: RequestCancellation;
  /** `cancellation`'s AbortSignal, for calls to other services and long resolvers. */
  signal: AbortSignal;
}

export interface SubgraphServerOptions<Ctx extends BaseContext> {
  /** Service name for logs and metrics. */
  name: string;
  schema: GraphQLSchema;
  log: Logger;
  verifier: TokenVerifier;
  /**
   * Builds the per-request context (fresh DataLoaders every time) by extending `base`
   * (`Object.assign`): its `log` and `signal` are getters made when first read, which a
   * spread would lose.
   */
  createContext(base: BaseContext): Ctx | Promise<Ctx>;
  /** Rejects when a dependency (the database) is not usable; drives `/readyz`. */
  checkReady(): Promise<void>;
  /** Largest accepted request body, in bytes (413 past it); default 1 MiB. */
  bodyLimitBytes?: number;
  /**
   * Proxies whose `X-Forwarded-For` is believed (proxy-addr's trust list, as express's
   * `trust proxy`: addresses, CIDRs, `loopback` …); default `['loopback']`, the router on the
   * same host. Empty: none.
   */
  trustedProxies?: readonly string[];
  /**
   * Longest wait for in-flight requests when stopping (SHUTDOWN_DRAIN_TIMEOUT_MS); what is
   * still open then is cut. Default 10000 ms.
   */
  drainTimeoutMs?: number;
  /** HTTP_KEEP_ALIVE_TIMEOUT_MS: how long an idle keep-alive connection stays open; default 65000. */
  keepAliveTimeoutMs?: number;
  /** HTTP_REQUEST_TIMEOUT_MS: how long a client has to send a whole request; default 30000. */
  requestTimeoutMs?: number;
  plugins?: ApolloServerPlugin<Ctx>[];
  /**
   * Where `/metrics` reads from, for a subgraph that counts things of its own (bookings by
   * outcome); default a fresh `createMetricsRegistry(name)`.
   */
  registry?: Registry;
  /**
   * This subgraph's tracer (see @travel/tracing's createTracing): a SERVER span per request,
   * child of the caller's `traceparent`, active while the operation runs (SQL and calls to
   * other subgraphs join it). Default none: tracing off, nothing is added.
   */
  tracer?: Tracer;
}

export interface SubgraphServer extends GracefulService {
  httpServer: Server;
  /** Starts Apollo Server (`/graphql` answers 404 until then); call before listening. */
  start(): Promise<void>;
  /** `/readyz` answers 503 from now on; requests are still served. */
  announceShutdown(): void;
  /**
   * Stops accepting (new connections refused), lets in-flight requests finish (within
   * `drainTimeoutMs`), closes the connections; the caller then closes the database.
   */
  stop(): Promise<void>;
}

/**
 * `/graphql`, `/healthz`, `/readyz` and `/metrics` on plain `node:http`: Apollo Server's own
 * request handling with no framework in front (express and body-parser cost about as much
 * CPU per subgraph call as GraphQL execution). It never listens.
 */
export function createSubgraphServer<Ctx extends BaseContext>(
  options: SubgraphServerOptions<Ctx>,
): SubgraphServer {
  const { name, schema, log, verifier, checkReady, tracer } = options;
  const bodyLimitBytes = options.bodyLimitBytes ?? 1024 * 1024;
  const clientAddress = createClientAddress(options.trustedProxies ?? ['loopback']);
  const registry = options.registry ?? createMetricsRegistry(name);
  let started = false;
  const timeouts = {
    keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 65_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
  };
  const httpServer = createServer(httpServerOptions(timeouts), (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'unexpected error before GraphQL');
      if (res.headersSent) res.destroy();
      else sendErrorResponse(req, res, INTERNAL);
    });
  });
  const drain = createHttpDrain(httpServer, { timeoutMs: options.drainTimeoutMs });
  const routes = serviceRoutes({ drain, checkReady, registry, log });
  const apollo = new ApolloServer<Ctx>({
    schema,
    formatError: createErrorFormatter(log),
    includeStacktraceInErrorResponses: false,
    logger: log,
    // main.ts owns the process signals (shutdownOnSignal).
    stopOnTerminationSignals: false,
    plugins: [
      // apollo.stop() drains HTTP first; operations run on meanwhile.
      drainPlugin(drain),
      // Traces would only be asked for by a gateway reporting usage, which ours never does.
      ApolloServerPluginInlineTraceDisabled(),
      // The same Cache-Control as Apollo's plugin, without wrapping every resolver.
      ApolloServerPluginCacheControlDisabled(),
      cacheControlPlugin<Ctx>(),
      requestMetricsPlugin<Ctx>({ registry }),
      invalidationsPlugin<Ctx>(),
      ...(options.plugins ?? []),
    ],
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    if (started && (path === '/graphql' || path === '/graphql/')) return serveGraphQL(req, res);
    const route = routes.get(path);
    if (route && (req.method === 'GET' || req.method === 'HEAD')) return route(res);
    sendErrorResponse(req, res, NOT_FOUND);
  }

  async function serveGraphQL(req: IncomingMessage, res: ServerResponse) {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    // The span first: body reading and refusals are part of the request it times.
    const traced = tracer && startServerSpan(tracer, '/graphql', req, res);
    return traced
      ? context.with(traced, serveOperation, undefined, req, res, requestId)
      : serveOperation(req, res, requestId);
  }

  async function serveOperation(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const parsed = await readJsonBody(req, bodyLimitBytes);
    if (!parsed.ok) return sendErrorResponse(req, res, parsed.error);
    const cancellation = cancelOnDisconnect(res, log, requestId);
    if (log.isLevelEnabled('debug')) {
      const body = parsed.body as { operationName?: unknown } | undefined;
      log.child({ requestId }).debug({ operationName: body?.operationName }, 'graphql request');
    }
    const { authorization } = req.headers;
    await handleGraphQLRequest(apollo, req, res, parsed.body, async () =>
      options.createContext(
        createRequestBase({
          viewer: await viewerFromAuthorization(verifier, authorization),
          requestId,
          authorization,
          clientAddress: () => clientAddress(req),
          serverLog: log,
          cancellation,
        }),
      ),
    );
  }

  let stopping: Promise<void> | undefined;
  return {
    httpServer,
    async start() {
      await apollo.start();
      started = true;
    },
    announceShutdown: drain.announce,
    stop() {
      // Once: a signal and a test harness may both ask.
      drain.announce();
      stopping ??= apollo.stop();
      return stopping;
    },
  };
}

const NOT_FOUND: ErrorResponse = { status: 404, message: 'Not found', code: 'NOT_FOUND' };
const INTERNAL: ErrorResponse = {
  status: 500,
  message: 'Internal server error',
  code: 'INTERNAL_SERVER_ERROR',
};
