import { context, type Tracer, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { TracingEnv } from '@travel/config';
import type { Logger } from '@travel/logger';
import { createSampler } from './sampler.ts';
import { createSpanExporter } from './span-exporter.ts';

export interface TracingOptions {
  /** `service.name` unless OTEL_SERVICE_NAME says otherwise: `router`, `hotels` … */
  service: string;
  /**
   * Also make this provider the process's global one. Only the router sets it: @apollo/gateway
   * takes its tracer from the global API (`gateway.plan`, `gateway.fetch` …) and has no other
   * way to be given one. Default false: a subgraph's spans go through its own provider only.
   */
  global?: boolean;
  /** Where spans go instead of the configured exporter (tests). */
  exporter?: SpanExporter;
  /**
   * Where failed exports are reported (an unreachable collector): a warning each time, spans
   * dropped, requests untouched. OpenTelemetry has one error handler per process: the last
   * service started in a process reports for all. Default: OpenTelemetry's own (silent).
   */
  log?: Pick<Logger, 'warn'>;
}

export interface Tracing {
  /** This service's tracer; hand it to whatever makes spans (server, database, clients). */
  tracer: Tracer;
  /**
   * Exports the spans still buffered (within OTEL_EXPORTER_OTLP_TIMEOUT), then stops; the last
   * cleanup step of a service. Never rejects: a collector that is down must not make a clean
   * stop look failed.
   */
  shutdown(): Promise<void>;
}

/**
 * One service's tracing from its config, or undefined when tracing is off (the default): then
 * nothing is started and the service makes no span at all (every span site checks for a
 * tracer). On, spans are batched and exported with OTLP over HTTP (see tracing-env.ts).
 *
 * The context manager (AsyncLocalStorage) is process-wide by OpenTelemetry's design: it only
 * says which span the running code serves, so several services in one process (the stack, the
 * tests) share it safely, each with its own provider, resource and exporter.
 */
export function createTracing(config: TracingEnv, options: TracingOptions): Tracing | undefined {
  if (config.OTEL_SDK_DISABLED || config.OTEL_TRACES_EXPORTER === 'none') return undefined;
  const exporter = options.exporter ?? createSpanExporter(config);
  const processor: SpanProcessor = new BatchSpanProcessor(exporter, {
    scheduledDelayMillis: config.OTEL_BSP_SCHEDULE_DELAY,
  });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      ...config.OTEL_RESOURCE_ATTRIBUTES,
      // The specification's order: OTEL_SERVICE_NAME, then OTEL_RESOURCE_ATTRIBUTES.
      'service.name':
        config.OTEL_SERVICE_NAME ??
        config.OTEL_RESOURCE_ATTRIBUTES['service.name'] ??
        options.service,
    }),
    sampler: createSampler(config),
    spanProcessors: [processor],
  });
  // Refused when one is already there (another service of this process): that one serves.
  const contextManager = new AsyncLocalStorageContextManager();
  if (context.setGlobalContextManager(contextManager)) contextManager.enable();
  const global = options.global === true && trace.setGlobalTracerProvider(provider);
  const { log } = options;
  if (log)
    setGlobalErrorHandler((err) => log.warn({ err }, 'tracing: spans could not be exported'));
  let stopped: Promise<void> | undefined;
  return {
    tracer: provider.getTracer(`@travel/${options.service}`),
    shutdown() {
      stopped ??= (async () => {
        if (global) trace.disable();
        await provider.shutdown().catch((err) => {
          log?.warn({ err }, 'tracing: the last spans could not be exported');
        });
      })();
      return stopped;
    },
  };
}
