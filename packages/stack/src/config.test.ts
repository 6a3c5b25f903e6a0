import { describe, expect, it } from 'vitest';
import { loadStackConfig } from './config.ts';

describe('loadStackConfig', () => {
  it('stops at once on Ctrl-C by default (no grace period), still draining requests', () => {
    expect(loadStackConfig({})).toMatchObject({
      SHUTDOWN_GRACE_MS: 0,
      SHUTDOWN_DRAIN_TIMEOUT_MS: 10_000,
    });
    expect(loadStackConfig({ SHUTDOWN_GRACE_MS: '5000' }).SHUTDOWN_GRACE_MS).toBe(5000);
  });
});

describe('tracing', () => {
  it("hands every OTEL_* variable to the services, but not one service's name", () => {
    const config = loadStackConfig({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_SERVICE_NAME: 'everything',
      PATH: '/usr/bin',
    });
    expect(config.tracingEnv).toEqual({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
    });
    expect(loadStackConfig({}).tracingEnv).toEqual({});
  });
});
