import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const JWT_SECRET = 'a-test-secret-that-is-long-enough-for-hs256';

describe('loadConfig', () => {
  it('has documented defaults', () => {
    const config = loadConfig({ JWT_SECRET });
    expect(config).toMatchObject({
      PORT: 4000,
      HOST: '0.0.0.0',
      NODE_ENV: 'production',
      BODY_LIMIT: '1mb',
      MAX_DEPTH: 15,
      MAX_ALIASES: 30,
      MAX_TOKENS: 5000,
      SUBGRAPH_URLS: {},
    });
    expect(config.SUPERGRAPH_PATH).toMatch(/\/schema\/supergraph\.graphql$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('caps estimated cost at 10000, sizing undeclared lists at 100, and refuses 0', () => {
    expect(loadConfig({ JWT_SECRET })).toMatchObject({ MAX_COST: 10_000, DEFAULT_LIST_SIZE: 100 });
    expect(() => loadConfig({ JWT_SECRET, DEFAULT_LIST_SIZE: '0' })).toThrow('DEFAULT_LIST_SIZE');
  });

  it('remembers 10000 verified tokens by default; 0 turns the cache off; refuses less', () => {
    expect(loadConfig({ JWT_SECRET }).TOKEN_CACHE_MAX_ENTRIES).toBe(10_000);
    expect(loadConfig({ JWT_SECRET, TOKEN_CACHE_MAX_ENTRIES: '0' }).TOKEN_CACHE_MAX_ENTRIES).toBe(
      0,
    );
    expect(() => loadConfig({ JWT_SECRET, TOKEN_CACHE_MAX_ENTRIES: '-1' })).toThrow(
      'TOKEN_CACHE_MAX_ENTRIES',
    );
  });

  it('collects SUBGRAPH_URL_<NAME> overrides by name', () => {
    const config = loadConfig({
      JWT_SECRET,
      SUBGRAPH_URL_ACCOUNTS: 'http://accounts:4001/graphql',
      SUBGRAPH_URL_HOTELS: 'http://hotels:4002/graphql',
    });
    expect(config.SUBGRAPH_URLS).toEqual({
      ACCOUNTS: 'http://accounts:4001/graphql',
      HOTELS: 'http://hotels:4002/graphql',
    });
  });

  it('lists every bad variable at once', () => {
    const load = () =>
      loadConfig({
        JWT_SECRET: 'short',
        MAX_DEPTH: '-1',
        BODY_LIMIT: 'huge',
        SUBGRAPH_URL_TRIPS: 'not a url',
      });
    for (const name of ['JWT_SECRET', 'MAX_DEPTH', 'BODY_LIMIT', 'SUBGRAPH_URL_TRIPS']) {
      expect(load).toThrow(name);
    }
  });

  it('deduplicates subgraph fetches by default, not with SUBGRAPH_DEDUP=false', () => {
    expect(loadConfig({ JWT_SECRET })).toMatchObject({
      SUBGRAPH_DEDUP: true,
      SUBGRAPH_TIMEOUT_MS: 10_000,
    });
    expect(loadConfig({ JWT_SECRET, SUBGRAPH_DEDUP: 'false' }).SUBGRAPH_DEDUP).toBe(false);
    expect(() => loadConfig({ JWT_SECRET, SUBGRAPH_DEDUP: 'sometimes' })).toThrow('SUBGRAPH_DEDUP');
  });

  it("runs query plans with the router's executor by default, @apollo/gateway's on request", () => {
    expect(loadConfig({ JWT_SECRET }).PLAN_EXECUTOR).toBe('router');
    expect(loadConfig({ JWT_SECRET, PLAN_EXECUTOR: 'apollo' }).PLAN_EXECUTOR).toBe('apollo');
    expect(() => loadConfig({ JWT_SECRET, PLAN_EXECUTOR: 'hive' })).toThrow('PLAN_EXECUTOR');
  });

  it('turns the response cache on by default, off with RESPONSE_CACHE=false', () => {
    expect(loadConfig({ JWT_SECRET })).toMatchObject({
      RESPONSE_CACHE: true,
      RESPONSE_CACHE_FAST_PATH: true,
      RESPONSE_CACHE_TIMEOUT_MS: 50,
      RESPONSE_CACHE_INVALIDATION_TIMEOUT_MS: 1000,
      RESPONSE_CACHE_MAX_ENTRY_BYTES: 262_144,
      RESPONSE_CACHE_NEAR_MAX_BYTES: 67_108_864,
    });
    expect(loadConfig({ JWT_SECRET, RESPONSE_CACHE: 'false' }).RESPONSE_CACHE).toBe(false);
    expect(() => loadConfig({ JWT_SECRET, RESPONSE_CACHE: 'maybe' })).toThrow('RESPONSE_CACHE');
    const slowOnly = loadConfig({ JWT_SECRET, RESPONSE_CACHE_FAST_PATH: 'false' });
    expect(slowOnly.RESPONSE_CACHE_FAST_PATH).toBe(false);
  });

  it('holds 64 MiB of Redis entries near by default; 0 turns it off; refuses less or a fraction', () => {
    const off = loadConfig({ JWT_SECRET, RESPONSE_CACHE_NEAR_MAX_BYTES: '0' });
    expect(off.RESPONSE_CACHE_NEAR_MAX_BYTES).toBe(0);
    for (const bad of ['-1', '1.5', 'lots']) {
      expect(() => loadConfig({ JWT_SECRET, RESPONSE_CACHE_NEAR_MAX_BYTES: bad })).toThrow(
        'RESPONSE_CACHE_NEAR_MAX_BYTES',
      );
    }
  });

  it('bounds every Redis call by REDIS_TIMEOUT_MS, the response cache too unless set apart', () => {
    expect(loadConfig({ JWT_SECRET })).toMatchObject({ REDIS_TIMEOUT_MS: 50 });
    expect(loadConfig({ JWT_SECRET, REDIS_TIMEOUT_MS: '80' })).toMatchObject({
      REDIS_TIMEOUT_MS: 80,
      RESPONSE_CACHE_TIMEOUT_MS: 80,
    });
    expect(
      loadConfig({ JWT_SECRET, REDIS_TIMEOUT_MS: '80', RESPONSE_CACHE_TIMEOUT_MS: '30' }),
    ).toMatchObject({ REDIS_TIMEOUT_MS: 80, RESPONSE_CACHE_TIMEOUT_MS: 30 });
    expect(() => loadConfig({ JWT_SECRET, REDIS_TIMEOUT_MS: '0' })).toThrow('REDIS_TIMEOUT_MS');
  });

  it('takes one Redis or a Cluster in REDIS_URL, and a key prefix without hash tags', () => {
    for (const url of ['redis://127.0.0.1:6379', 'redis+cluster://10.0.0.1:7000,10.0.0.2:7000']) {
      expect(loadConfig({ JWT_SECRET, REDIS_URL: url }).REDIS_URL).toBe(url);
    }
    expect(() => loadConfig({ JWT_SECRET, REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(
      'REDIS_URL',
    );
    expect(() => loadConfig({ JWT_SECRET, REDIS_URL: 'redis+cluster://h1:7000/1' })).toThrow(
      'REDIS_URL',
    );
    expect(() => loadConfig({ JWT_SECRET, REDIS_KEY_PREFIX: 'app{1}:' })).toThrow(
      'REDIS_KEY_PREFIX',
    );
  });

  it('reads CORS_ORIGINS as a list of origins, and HSTS off by default', () => {
    expect(loadConfig({ JWT_SECRET }).CORS_ORIGINS).toBeUndefined();
    expect(loadConfig({ JWT_SECRET }).HSTS_MAX_AGE_SECONDS).toBe(0);
    expect(
      loadConfig({ JWT_SECRET, CORS_ORIGINS: 'https://a.example.com, http://localhost:3000' })
        .CORS_ORIGINS,
    ).toEqual(['https://a.example.com', 'http://localhost:3000']);
    for (const bad of ['a.example.com', 'https://a.example.com/', 'https://a.example.com/app']) {
      expect(() => loadConfig({ JWT_SECRET, CORS_ORIGINS: bad })).toThrow('CORS_ORIGINS');
    }
  });

  it('limits rates by default and trusts no proxy unless told', () => {
    expect(loadConfig({ JWT_SECRET })).toMatchObject({
      TRUSTED_PROXIES: [],
      RATE_LIMIT_WINDOW_SECONDS: 60,
      RATE_LIMIT_ANONYMOUS_POINTS: 20_000,
      RATE_LIMIT_USER_POINTS: 50_000,
      RATE_LIMIT_PARTNER_POINTS: 200_000,
      RATE_LIMIT_SYNC_MS: 20,
    });
    expect(loadConfig({ JWT_SECRET, RATE_LIMIT_SYNC_MS: '0' }).RATE_LIMIT_SYNC_MS).toBe(0);
    expect(() => loadConfig({ JWT_SECRET, RATE_LIMIT_SYNC_MS: '-1' })).toThrow(
      'RATE_LIMIT_SYNC_MS',
    );
    expect(loadConfig({ JWT_SECRET, TRUSTED_PROXIES: '10.0.0.0/8, loopback' })).toMatchObject({
      TRUSTED_PROXIES: ['10.0.0.0/8', 'loopback'],
    });
    expect(() => loadConfig({ JWT_SECRET, TRUSTED_PROXIES: 'lb.internal' })).toThrow(
      'TRUSTED_PROXIES',
    );
  });
});

describe('shutdown settings', () => {
  it('default to a 5 s grace period and a 10 s drain, and refuse negative or zero', () => {
    expect(loadConfig({ JWT_SECRET })).toMatchObject({
      SHUTDOWN_GRACE_MS: 5000,
      SHUTDOWN_DRAIN_TIMEOUT_MS: 10_000,
    });
    expect(loadConfig({ JWT_SECRET, SHUTDOWN_GRACE_MS: '0' }).SHUTDOWN_GRACE_MS).toBe(0);
    expect(() =>
      loadConfig({ JWT_SECRET, SHUTDOWN_GRACE_MS: '-1', SHUTDOWN_DRAIN_TIMEOUT_MS: '0' }),
    ).toThrow(/SHUTDOWN_GRACE_MS[\s\S]*SHUTDOWN_DRAIN_TIMEOUT_MS/);
  });
});

describe('tracing settings', () => {
  it('are off by default and read the standard OTEL_* variables', () => {
    expect(loadConfig({ JWT_SECRET })).toMatchObject({
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_SDK_DISABLED: false,
    });
    const on = loadConfig({
      JWT_SECRET,
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.1',
    });
    expect(on).toMatchObject({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_TRACES_SAMPLER_ARG: 0.1,
    });
    expect(() =>
      loadConfig({
        JWT_SECRET,
        OTEL_TRACES_EXPORTER: 'zipkin',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).toThrow(/OTEL_TRACES_EXPORTER[\s\S]*OTEL_EXPORTER_OTLP_PROTOCOL/);
  });
});
