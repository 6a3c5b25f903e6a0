import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Context,
  context,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { extractTraceContext } from './propagation.ts';

/** Where the request's trace context waits between `start` and `activate`. */
const TRACE_CONTEXT = Symbol('traceContext');

type Locals = { [TRACE_CONTEXT]?: ReturnType<typeof context.active> };

export interface HttpServerSpan {
  /**
   * First in a route's chain: starts the SERVER span, a child of the caller's `traceparent`
   * (a new trace without one), answers its id in `traceresponse`, and runs the rest of the
   * chain in it, the response's event listeners too. The span ends when the answer is sent
   * (or the connection closes).
   */
  start: RequestHandler;
  /**
   * Right before the GraphQL handler: runs it in the span again. Body parsing and stores
   * answering through callbacks can lose the async context on the way; this restores it.
   */
  activate: RequestHandler;
}

/**
 * The server span of every request on a route, named `<METHOD> <route>` (`POST /graphql`) with
 * OpenTelemetry's HTTP attributes. The `traceresponse` header (W3C Trace Context Level 2)
 * tells the caller the trace id to quote, sampled or not.
 */
export function httpServerSpan(tracer: Tracer, route: string): HttpServerSpan {
  return {
    start(req, res, next) {
      const traced = startServerSpan(tracer, route, req, res, req.path === '/' ? '' : req.path);
      (res.locals as Locals)[TRACE_CONTEXT] = traced;
      context.with(traced, next);
    },
    activate(_req, res, next) {
      const traced = (res.locals as Locals)[TRACE_CONTEXT];
      if (traced) context.with(traced, next);
      else next();
    },
  };
}

/**
 * The server span of one request on `route` (`subPath` below it), for a plain `node:http`
 * handler: started as `httpServerSpan` starts it, ended when the answer is sent or the
 * connection closes. Returns the context to run the handler in (`context.with`).
 */
export function startServerSpan(
  tracer: Tracer,
  route: string,
  req: IncomingMessage,
  res: ServerResponse,
  subPath = '',
): Context {
  const span = tracer.startSpan(
    `${req.method} ${route}`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': req.method ?? '',
        'http.route': route,
        'url.path': `${route}${subPath}`,
        'client.address': req.socket.remoteAddress ?? '',
      },
    },
    extractTraceContext(req.headers),
  );
  const { traceId, spanId, traceFlags } = span.spanContext();
  res.setHeader('traceresponse', `00-${traceId}-${spanId}-0${traceFlags & 1}`);
  const traced = trace.setSpan(context.active(), span);
  const end = () => endServerSpan(span, res);
  res.once('finish', end);
  res.once('close', end);
  // Node runs `finish` listeners outside the request's async context: bound, the lines
  // they log (the router's request line) still name the trace.
  context.bind(traced, res);
  return traced;
}

function endServerSpan(span: ReturnType<Tracer['startSpan']>, res: ServerResponse) {
  if (!span.isRecording()) return;
  span.setAttribute('http.response.status_code', res.statusCode);
  // A 5xx is the server's failure; a 4xx is the client's and leaves the span's status unset.
  if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  if (!res.writableFinished) span.setAttribute('http.connection_closed_early', true);
  span.end();
}
