import { isSpanContextValid, trace } from '@opentelemetry/api';

const NONE = Object.freeze({});

/**
 * Pino mixin: `trace_id` and `span_id` of the span the logging code runs in (the names
 * OpenTelemetry's log data model and its pino instrumentation use), so a log line leads to its
 * trace. Nothing when tracing is off or no span is active.
 */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return NONE;
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return NONE;
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
