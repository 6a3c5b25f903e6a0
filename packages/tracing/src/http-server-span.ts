import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Context,
  context,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { extractTraceContext } from './propagation.ts';

/**
 * `fn` inside the SERVER span of one request on `route` (see startServerSpan): what a plain
 * `node:http` handler runs its request in, every await and response listener of it included.
 */
export function withServerSpan<T>(
  tracer: Tracer,
  route: string,
  req: IncomingMessage,
  res: ServerResponse,
  fn: () => T,
): T {
  return context.with(startServerSpan(tracer, route, req, res), fn);
}

/**
 * The server span of one request on `route` (`subPath` below it), named `<METHOD> <route>`
 * (`POST /graphql`) with OpenTelemetry's HTTP attributes, a child of the caller's
 * `traceparent` (a new trace without one); ended when the answer is sent or the connection
 * closes. The `traceresponse` header (W3C Trace Context Level 2) tells the caller the trace id
 * to quote, sampled or not. Returns the context to run the handler in (`context.with`).
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
