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

  it('turns the response cache on by default, off with RESPONSE_CACHE=false', () => {
    expect(loadConfig({ JWT_SECRET })).toMatchObject({
      RESPONSE_CACHE: true,
      RESPONSE_CACHE_TIMEOUT_MS: 50,
      RESPONSE_CACHE_MAX_ENTRY_BYTES: 262_144,
    });
    expect(loadConfig({ JWT_SECRET, RESPONSE_CACHE: 'false' }).RESPONSE_CACHE).toBe(false);
    expect(() => loadConfig({ JWT_SECRET, RESPONSE_CACHE: 'maybe' })).toThrow('RESPONSE_CACHE');
  });

  it('limits rates by default and trusts no proxy unless told', () => {
    expect(loadConfig({ JWT_SECRET })).toMatchObject({
      TRUSTED_PROXIES: [],
      RATE_LIMIT_WINDOW_SECONDS: 60,
      RATE_LIMIT_ANONYMOUS_POINTS: 20_000,
      RATE_LIMIT_USER_POINTS: 50_000,
      RATE_LIMIT_PARTNER_POINTS: 200_000,
      RATE_LIMIT_TIMEOUT_MS: 50,
    });
    expect(loadConfig({ JWT_SECRET, TRUSTED_PROXIES: '10.0.0.0/8, loopback' })).toMatchObject({
      TRUSTED_PROXIES: ['10.0.0.0/8', 'loopback'],
    });
    expect(() => loadConfig({ JWT_SECRET, TRUSTED_PROXIES: 'lb.internal' })).toThrow(
      'TRUSTED_PROXIES',
    );
  });
});
