import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TracingEnv } from '@travel/config';

/** Where traces go: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, else `<endpoint>/v1/traces`. */
export function tracesUrl(config: TracingEnv): string {
  if (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  return `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * The exporter OTEL_TRACES_EXPORTER and OTEL_EXPORTER_OTLP_* describe. Everything is passed
 * explicitly, so what the config validated is what is used (the exporters would otherwise read
 * the same variables from the environment themselves).
 */
export function createSpanExporter(config: TracingEnv): SpanExporter {
  if (config.OTEL_TRACES_EXPORTER === 'console') return new ConsoleSpanExporter();
  const options = {
    url: tracesUrl(config),
    headers: { ...config.OTEL_EXPORTER_OTLP_HEADERS, ...config.OTEL_EXPORTER_OTLP_TRACES_HEADERS },
    timeoutMillis: config.OTEL_EXPORTER_OTLP_TIMEOUT,
  };
  const protocol = config.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? config.OTEL_EXPORTER_OTLP_PROTOCOL;
  return protocol === 'http/json' ? new JsonExporter(options) : new ProtobufExporter(options);
}
