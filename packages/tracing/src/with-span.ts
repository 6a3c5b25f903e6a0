import {
  type Attributes,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
} from '@opentelemetry/api';

export interface SpanOptions {
  attributes?: Attributes;
  /** Default INTERNAL. */
  kind?: SpanKind;
}

/**
 * Runs `fn` inside a new active span (a child of whatever span is active), ended when `fn`
 * settles and marked as an error when it throws. Without a tracer `fn` just runs: that is what
 * tracing off costs.
 */
export function withSpan<T>(
  tracer: Tracer | undefined,
  name: string,
  fn: (span?: Span) => Promise<T>,
  options: SpanOptions = {},
): Promise<T> {
  if (!tracer) return fn();
  return tracer.startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        recordError(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Marks `span` failed with `error` (its type and message; no stack leaves the process). */
export function recordError(span: Span, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  span.recordException({ name: err.name, message: err.message });
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
}
