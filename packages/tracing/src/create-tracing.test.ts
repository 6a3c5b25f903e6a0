import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ConsoleSpanExporter, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { tracingEnv } from '@travel/config';
import type { Logger } from '@travel/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createTracing } from './create-tracing.ts';
import { extractTraceContext, traceHeaders } from './propagation.ts';
import { createSpanExporter, tracesUrl } from './span-exporter.ts';

/** Keeps what it received after shutdown (the in-memory exporter forgets it then). */
class KeepingExporter extends InMemorySpanExporter {
  override shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const configOf = (env: NodeJS.ProcessEnv) => z.object(tracingEnv).parse(env);
const ON = { OTEL_TRACES_EXPORTER: 'otlp' };

afterEach(() => {
  trace.disable();
});

describe('createTracing', () => {
  it('starts nothing by default, nor when disabled', () => {
    expect(createTracing(configOf({}), { service: 'hotels', global: true })).toBeUndefined();
    expect(
      createTracing(configOf({ ...ON, OTEL_SDK_DISABLED: 'true' }), { service: 'hotels' }),
    ).toBeUndefined();
    // The global API still hands out its no-op: @apollo/gateway's spans record nothing.
    expect(trace.getTracer('any').startSpan('x').isRecording()).toBe(false);
  });

  it("exports this service's spans under its name, flushed by shutdown", async () => {
    const exporter = new KeepingExporter();
    const tracing = createTracing(
      configOf({ ...ON, OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=test' }),
      { service: 'hotels', exporter },
    );
    tracing?.tracer.startSpan('work').end();
    expect(exporter.getFinishedSpans()).toEqual([]); // batched
    await tracing?.shutdown();
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('work');
    expect(span?.resource.attributes).toMatchObject({
      'service.name': 'hotels',
      'deployment.environment.name': 'test',
    });
    // Not global: the global API is untouched.
    expect(trace.getTracer('any').startSpan('x').isRecording()).toBe(false);
  });

  it('is global only when asked (the router, for @apollo/gateway), until shut down', async () => {
    const exporter = new KeepingExporter();
    const tracing = createTracing(configOf({ ...ON, OTEL_SERVICE_NAME: 'edge' }), {
      service: 'router',
      global: true,
      exporter,
    });
    trace.getTracer('@apollo/gateway').startSpan('gateway.plan').end();
    await tracing?.shutdown();
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['gateway.plan']);
    expect(exporter.getFinishedSpans()[0]?.resource.attributes['service.name']).toBe('edge');
    expect(trace.getTracer('any').startSpan('x').isRecording()).toBe(false);
  });

  it('reports a collector that refuses, and still stops cleanly', async () => {
    const warnings: string[] = [];
    const refusing = {
      export: (_spans: unknown, done: (result: { code: number; error: Error }) => void) =>
        done({ code: ExportResultCode.FAILED, error: new Error('connection refused') }),
      shutdown: async () => {},
    };
    const tracing = createTracing(configOf({ ...ON, OTEL_BSP_SCHEDULE_DELAY: '10' }), {
      service: 'hotels',
      exporter: refusing,
      log: {
        warn: ((_fields: unknown, message: string) => {
          warnings.push(message);
        }) as Logger['warn'],
      },
    });
    tracing?.tracer.startSpan('lost').end();
    await vi.waitFor(() => expect(warnings).toContain('tracing: spans could not be exported'));
    tracing?.tracer.startSpan('lost too').end();
    await expect(tracing?.shutdown()).resolves.toBeUndefined();
    expect(warnings).toContain('tracing: the last spans could not be exported');
  });

  it("follows the caller's sampling decision and passes the trace on", async () => {
    const exporter = new KeepingExporter();
    const tracing = createTracing(configOf(ON), { service: 'router', exporter });
    const traceId = 'a'.repeat(32);
    for (const flags of ['00', '01']) {
      const parent = extractTraceContext({
        traceparent: `00-${traceId}-${'b'.repeat(16)}-${flags}`,
      });
      const span = tracing?.tracer.startSpan('request', {}, parent);
      expect(span?.isRecording()).toBe(flags === '01');
      const headers = context.with(trace.setSpan(ROOT_CONTEXT, span as never), traceHeaders);
      expect(headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-${flags}$`));
      span?.end();
    }
    await tracing?.shutdown();
    expect(exporter.getFinishedSpans()).toHaveLength(1);
  });
});

describe('tracesUrl', () => {
  it('appends /v1/traces to the base endpoint; the traces endpoint is used as is', () => {
    expect(tracesUrl(configOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }))).toBe(
      'http://collector:4318/v1/traces',
    );
    expect(
      tracesUrl(configOf({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://x.example/otlp/t' })),
    ).toBe('https://x.example/otlp/t');
  });
});

describe('createSpanExporter', () => {
  it('speaks OTLP protobuf by default, JSON when asked, and prints with `console`', () => {
    expect(createSpanExporter(configOf(ON))).toBeInstanceOf(ProtobufExporter);
    expect(
      createSpanExporter(configOf({ ...ON, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })),
    ).toBeInstanceOf(JsonExporter);
    expect(
      createSpanExporter(
        configOf({
          ...ON,
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
          OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
        }),
      ),
    ).toBeInstanceOf(ProtobufExporter);
    expect(createSpanExporter(configOf({ OTEL_TRACES_EXPORTER: 'console' }))).toBeInstanceOf(
      ConsoleSpanExporter,
    );
  });
});
