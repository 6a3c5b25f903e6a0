import { type Context, context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

// Stateless: it only reads and writes the `traceparent` and `tracestate` headers.
const w3c = new W3CTraceContextPropagator();

type Headers = Record<string, string | string[] | undefined>;

const getter = {
  keys: (carrier: Headers) => Object.keys(carrier),
  get: (carrier: Headers, key: string) => carrier[key],
};

/**
 * The caller's trace (its W3C `traceparent`/`tracestate`) as a parent context; the root
 * context when there is none or it is malformed (a new trace starts).
 */
export function extractTraceContext(headers: Headers): Context {
  return w3c.extract(ROOT_CONTEXT, headers, getter);
}

/**
 * `traceparent` (and `tracestate`) for a call made from the code running now, so the callee's
 * spans join its trace. Nothing is set when no span is active (tracing off costs a lookup).
 */
export function injectTraceContext(set: (name: string, value: string) => void): void {
  const active = context.active();
  if (!trace.getSpan(active)) return;
  w3c.inject(active, undefined, { set: (_carrier, name, value) => set(name, value) });
}

/** The headers `injectTraceContext` would set, as an object to spread into a fetch call. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  injectTraceContext((name, value) => {
    headers[name] = value;
  });
  return headers;
}
