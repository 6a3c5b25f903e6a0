import { isSpanContextValid, trace } from '@opentelemetry/api';

type TraceFields = { trace_id?: string; span_id?: string };

const NONE: TraceFields = Object.freeze({});

/**
 * Pino mixin: `trace_id` and `span_id` of the span the logging code runs in (the names
 * OpenTelemetry's log data model and its pino instrumentation use), so a log line leads to its
 * trace. Nothing when tracing is off or no span is active.
 */
export function traceFields(): TraceFields {
  const span = trace.getActiveSpan();
  if (!span) return NONE;
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return NONE;
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/**
 * Pino's merge of the mixin's fields with a line's own (its own win). Pino's default writes
 * into the mixin's object; without a trace there is none to write into, and none is made.
 */
export function mergeTraceFields(line: object, fields: object): object {
  return fields === NONE ? line : Object.assign(fields, line);
}
