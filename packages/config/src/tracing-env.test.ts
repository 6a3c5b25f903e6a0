import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tracingEnv } from './tracing-env.ts';

const Tracing = z.object(tracingEnv);

describe('tracingEnv', () => {
  it('is off with nothing set, with the specification defaults for the rest', () => {
    expect(Tracing.parse({})).toEqual({
      OTEL_SDK_DISABLED: false,
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_RESOURCE_ATTRIBUTES: {},
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_HEADERS: {},
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: {},
      OTEL_EXPORTER_OTLP_TIMEOUT: 10_000,
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
      OTEL_TRACES_SAMPLER_ARG: 1,
      OTEL_BSP_SCHEDULE_DELAY: 5000,
    });
  });

  it('reads key=value lists, percent-decoded', () => {
    const parsed = Tracing.parse({
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod, service.version=1.2,',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc',
    });
    expect(parsed.OTEL_RESOURCE_ATTRIBUTES).toEqual({
      'deployment.environment.name': 'prod',
      'service.version': '1.2',
    });
    expect(parsed.OTEL_EXPORTER_OTLP_HEADERS).toEqual({ authorization: 'Bearer abc' });
  });

  it('refuses what it can not honour, naming every bad variable', () => {
    const result = Tracing.safeParse({
      OTEL_TRACES_EXPORTER: 'jaeger',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url',
      OTEL_RESOURCE_ATTRIBUTES: 'novalue',
      OTEL_TRACES_SAMPLER: 'sometimes',
      OTEL_TRACES_SAMPLER_ARG: '2',
      OTEL_SDK_DISABLED: 'maybe',
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path[0]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'OTEL_TRACES_EXPORTER',
        'OTEL_EXPORTER_OTLP_PROTOCOL',
        'OTEL_EXPORTER_OTLP_ENDPOINT',
        'OTEL_RESOURCE_ATTRIBUTES',
        'OTEL_TRACES_SAMPLER',
        'OTEL_TRACES_SAMPLER_ARG',
        'OTEL_SDK_DISABLED',
      ]),
    );
  });
});
