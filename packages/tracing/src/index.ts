export { type Span, SpanKind, type Tracer } from '@opentelemetry/api';
export { createTracing, type Tracing, type TracingOptions } from './create-tracing.ts';
export { startServerSpan, withServerSpan } from './http-server-span.ts';
export { extractTraceContext, injectTraceContext, traceHeaders } from './propagation.ts';
export { createSpanExporter, tracesUrl } from './span-exporter.ts';
export { recordError, type SpanOptions, withSpan } from './with-span.ts';
