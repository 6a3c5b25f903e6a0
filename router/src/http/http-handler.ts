import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ErrorResponse, sendErrorResponse } from '@travel/errors';
import type { Logger } from '@travel/logger';
import type { Route } from '@travel/service-kit/http';
import { type Tracer, withServerSpan } from '@travel/tracing';
import { assignRequestId } from './request-id.ts';
import type { RequestState, Step, StepResult } from './request-state.ts';
import { pathOf } from './request-url.ts';

export interface HttpHandlerOptions {
  log: Logger;
  /** Headers of every answer, 404s and errors included (security-headers.ts). */
  headers(res: ServerResponse): void;
  /** CORS, first on `/graphql` so every answer there carries it; answers preflights. */
  cors(req: IncomingMessage, res: ServerResponse): StepResult;
  /** The client's address of a request (under TRUSTED_PROXIES). */
  clientAddress(req: IncomingMessage): string;
  /** `/healthz`, `/readyz`, `/metrics`: answered for GET and HEAD. */
  routes: ReadonlyMap<string, Route>;
  /** A SERVER span per `/graphql` request; default none (tracing off). */
  tracer?: Tracer;
}

/** What `/graphql` runs once the router has started: its steps in order, then GraphQL. */
export interface GraphQLPipeline {
  steps: readonly Step[];
  /** What every request that no step answered ends in: Apollo Server. */
  graphql(req: IncomingMessage, res: ServerResponse, state: RequestState): Promise<void>;
}

export interface HttpHandler {
  /** The `node:http` request listener. */
  listener(req: IncomingMessage, res: ServerResponse): void;
  /** Serves `/graphql` from now on (404 before, like any unknown path). */
  mount(pipeline: GraphQLPipeline): void;
}

/**
 * The router's HTTP on plain `node:http`, as every subgraph serves it (no framework between the
 * socket and GraphQL): `/graphql` (and `/graphql/`) runs CORS, the server span, then the
 * pipeline's steps and Apollo with one state object per request; the routes beside it answer
 * GET and HEAD; anything else is a 404. What a step throws is logged and answered 500 (the
 * connection cut when the answer had begun).
 */
export function createHttpHandler(options: HttpHandlerOptions): HttpHandler {
  const { log, routes, tracer } = options;
  let pipeline: GraphQLPipeline | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    options.headers(res);
    const path = pathOf(req.url);
    if (pipeline && (path === '/graphql' || path === '/graphql/')) {
      if (options.cors(req, res) === 'answered') return;
      const serve = pipeline;
      // Body reading and refusals are part of the request the span times.
      return tracer
        ? withServerSpan(tracer, '/graphql', req, res, () => run(serve, req, res))
        : run(serve, req, res);
    }
    const route = routes.get(path);
    if (route && (req.method === 'GET' || req.method === 'HEAD')) return route(res);
    sendErrorResponse(req, res, NOT_FOUND);
  }

  async function run(serve: GraphQLPipeline, req: IncomingMessage, res: ServerResponse) {
    const state: RequestState = {
      requestId: assignRequestId(req.headers['x-request-id'], res),
      clientAddress: options.clientAddress(req),
      viewer: null,
      body: undefined,
    };
    for (const step of serve.steps) {
      const result = step(req, res, state);
      // A step that settled at once is not awaited: no microtask turn per step per request.
      if ((typeof result === 'string' ? result : await result) === 'answered') return;
    }
    await serve.graphql(req, res, state);
  }

  return {
    listener(req, res) {
      handle(req, res).catch((error: unknown) => {
        log.error({ err: error }, 'unexpected error before GraphQL');
        if (res.headersSent) res.destroy();
        else sendErrorResponse(req, res, INTERNAL);
      });
    },
    mount(graphql) {
      pipeline = graphql;
    },
  };
}

const NOT_FOUND: ErrorResponse = { status: 404, message: 'Not found', code: 'NOT_FOUND' };
const INTERNAL: ErrorResponse = {
  status: 500,
  message: 'Internal server error',
  code: 'INTERNAL_SERVER_ERROR',
};
