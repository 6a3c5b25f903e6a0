import { createServer, type Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { type TokenVerifier, type Viewer, viewerFromAuthorization } from '@travel/auth';
import { createErrorFormatter, httpErrorHandler } from '@travel/errors';
import { createHttpDrain, drainPlugin, type GracefulService } from '@travel/lifecycle';
import { type Logger, requestIdFrom } from '@travel/logger';
import { createMetricsRegistry, metricsResponse, requestMetricsPlugin } from '@travel/metrics';
import { httpServerSpan, type Tracer } from '@travel/tracing';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Registry } from 'prom-client';

import {
  createEntityInvalidations,
  type EntityInvalidations,
  invalidationsPlugin,
} from './invalidations.ts';
import { abortOnDisconnect } from './request-signal.ts';

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
   * Fires when the caller (the router, whose timeout fired) closed the connection before the
   * answer was sent: long resolvers and calls to other services should stop. Prisma queries
   * stop on their own (`cancelWithRequest`).
   */
  signal: AbortSignal;
}

export interface SubgraphServerOptions<Ctx extends BaseContext> {
  /** Service name for logs and metrics. */
  name: string;
  schema: GraphQLSchema;
  log: Logger;
  verifier: TokenVerifier;
  /** Builds the per-request context (fresh DataLoaders every time). */
  createContext(base: BaseContext): Ctx | Promise<Ctx>;
  /** Rejects when a dependency (the database) is not usable; drives `/readyz`. */
  checkReady(): Promise<void>;
  /** Largest accepted request body; default `1mb`. */
  bodyLimit?: string;
  /**
   * Proxies whose `X-Forwarded-For` is believed (express's `trust proxy`: addresses, CIDRs,
   * `loopback` …); default `['loopback']`, the router on the same host. Empty: none.
   */
  trustedProxies?: readonly string[];
  /**
   * Longest wait for in-flight requests when stopping (SHUTDOWN_DRAIN_TIMEOUT_MS); what is
   * still open then is cut. Default 10000 ms.
   */
  drainTimeoutMs?: number;
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
  /** Starts Apollo Server and mounts the routes; call before listening. */
  start(): Promise<void>;
  /** `/readyz` answers 503 from now on; requests are still served. */
  announceShutdown(): void;
  /**
   * Stops accepting (new connections refused), lets in-flight requests finish (within
   * `drainTimeoutMs`), closes the connections; the caller then closes the database.
   */
  stop(): Promise<void>;
}

/** An Express app with `/graphql`, `/healthz`, `/readyz` and `/metrics`; it never listens. */
export function createSubgraphServer<Ctx extends BaseContext>(
  options: SubgraphServerOptions<Ctx>,
): SubgraphServer {
  const { name, schema, log, verifier, checkReady, bodyLimit = '1mb' } = options;
  const app = express();
  app.disable('x-powered-by');
  // `req.ip`: the client's address the router forwarded, believed from trusted proxies only.
  app.set('trust proxy', [...(options.trustedProxies ?? ['loopback'])]);
  const httpServer = createServer(app);
  const drain = createHttpDrain(httpServer, { timeoutMs: options.drainTimeoutMs });
  const registry = options.registry ?? createMetricsRegistry(name);
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
      requestMetricsPlugin<Ctx>({ registry }),
      invalidationsPlugin<Ctx>(),
      ...(options.plugins ?? []),
    ],
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (drain.draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    try {
      await checkReady();
      res.json({ status: 'ready' });
    } catch (error) {
      log.warn({ err: error }, 'not ready');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metricsResponse(registry);
    res.type(contentType).send(body);
  });

  let stopping: Promise<void> | undefined;
  return {
    httpServer,
    async start() {
      await apollo.start();
      const span = options.tracer && httpServerSpan(options.tracer, '/graphql');
      app.use(
        '/graphql',
        ...(span ? [span.start] : []),
        express.json({ limit: bodyLimit }),
        abortOnDisconnect(log),
        ...(span ? [span.activate] : []),
        expressMiddleware(apollo, {
          async context({ req, res }) {
            const requestId = requestIdFrom(req.headers['x-request-id']);
            res.setHeader('x-request-id', requestId);
            const requestLog = log.child({ requestId });
            requestLog.debug({ operationName: req.body?.operationName }, 'graphql request');
            const viewer = await viewerFromAuthorization(verifier, req.headers.authorization);
            const { authorization } = req.headers;
            return options.createContext({
              viewer,
              requestId,
              log: requestLog,
              authorization,
              clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
              signal: res.locals.signal as AbortSignal,
              ...createEntityInvalidations(),
            });
          },
        }),
      );
      app.use(httpErrorHandler(log));
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
