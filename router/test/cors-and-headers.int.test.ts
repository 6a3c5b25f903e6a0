import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, type StartedRouter, startRouter } from './support/start-router.ts';
import { startTestSubgraphs, type TestSubgraphs } from './support/test-subgraphs.ts';

const APP = 'https://app.example.com';
const STUDIO = 'https://studio.apollographql.com';

let subgraphs: TestSubgraphs;
let production: StartedRouter; // CORS_ORIGINS set, HSTS on
let bare: StartedRouter; // production defaults
let development: StartedRouter; // development defaults

beforeAll(async () => {
  subgraphs = await startTestSubgraphs();
  const { supergraphSdl } = subgraphs;
  [production, bare, development] = await Promise.all([
    startRouter({
      supergraphSdl,
      env: { CORS_ORIGINS: `${APP}, https://admin.example.com`, HSTS_MAX_AGE_SECONDS: '31536000' },
    }),
    startRouter({ supergraphSdl }),
    startRouter({ supergraphSdl, env: { NODE_ENV: 'development' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([production, bare, development].map((router) => router?.stop()));
  await subgraphs?.stop();
});

/** What a browser sends before a cross-origin POST with JSON and credentials headers. */
const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers':
        'content-type,authorization,x-api-key,apollographql-client-name,apollo-require-preflight,traceparent',
    },
  });

const listOf = (value: string | null) => (value ?? '').split(',').map((v) => v.trim());

describe('CORS preflight', () => {
  it('answers an allowed origin with the methods and headers GraphQL clients send', async () => {
    const res = await preflight(production.url, APP);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('vary')).toMatch(/origin/i);
    expect(listOf(res.headers.get('access-control-allow-methods'))).toEqual(
      expect.arrayContaining(['GET', 'POST', 'OPTIONS']),
    );
    expect(listOf(res.headers.get('access-control-allow-headers'))).toEqual(
      expect.arrayContaining([
        'content-type',
        'authorization',
        'x-api-key',
        'apollographql-client-name',
        'apollographql-client-version',
        'apollo-require-preflight',
        'x-apollo-operation-name',
        'x-request-id',
        'traceparent',
      ]),
    );
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  it.each([
    ['an origin not listed', () => production, 'https://evil.example.com'],
    ["Apollo's Studio in production without CORS_ORIGINS", () => bare, STUDIO],
    ['localhost in production', () => bare, 'http://localhost:5173'],
  ])('gives %s no Access-Control-Allow-Origin', async (_name, router, origin) => {
    const res = await preflight(router().url, origin);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-headers')).toBeNull();
  });

  it.each([
    STUDIO,
    'https://sandbox.embed.apollographql.com',
    'https://explorer.embed.apollographql.com',
    'http://localhost:5173',
    'http://127.0.0.1:3000',
  ])('allows %s in development by default', async (origin) => {
    const res = await preflight(development.url, origin);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
  });
});

describe('CORS on answers', () => {
  it('exposes the useful response headers to an allowed origin', async () => {
    const res = await post(production.url, { query: '{ users { id } }' }, { origin: APP });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(listOf(res.headers.get('access-control-expose-headers'))).toEqual(
      expect.arrayContaining(['x-request-id', 'retry-after', 'ratelimit', 'ratelimit-policy']),
    );
  });

  it('tells shared caches that every answer depends on Origin, when some origin is allowed', async () => {
    const query = { query: '{ __typename }' };
    const origins: Record<string, string>[] = [
      {},
      { origin: 'https://evil.example.com' },
      { origin: APP },
    ];
    for (const headers of origins) {
      const res = await post(production.url, query, headers);
      expect(res.headers.get('vary'), JSON.stringify(headers)).toMatch(/^origin$/i);
    }
    // No origin can be allowed: the answer does not vary.
    expect((await post(bare.url, query, { origin: APP })).headers.get('vary')).toBeNull();
  });

  it('is on refusals too: a 401 and a malformed body', async () => {
    const unauthorized = await post(
      production.url,
      { query: '{ users { id } }' },
      { origin: APP, authorization: 'Bearer not-a-token' },
    );
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe(APP);
    const malformed = await post(production.url, '{"query": ', { origin: APP });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('keeps CSRF prevention: a simple GET without a preflight header is refused', async () => {
    const res = await fetch(`${production.url}?query=${encodeURIComponent('{ users { id } }')}`, {
      headers: { origin: APP },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/i);
  });
});

describe('security headers', () => {
  const answers: [string, () => Promise<Response>][] = [
    ['/graphql', () => fetch(production.url, post$('{ users { id } }'))],
    ['/healthz', () => fetch(`${production.origin}/healthz`)],
    ['/metrics', () => fetch(`${production.origin}/metrics`)],
    ['a 401', () => fetch(production.url, post$('{ users { id } }', 'Bearer nope'))],
    ['a 400 (bad JSON)', () => fetch(production.url, { ...post$(''), body: '{' })],
    ['a 404', () => fetch(`${production.origin}/nowhere`)],
  ];

  it.each(answers)('are on %s', async (_name, request) => {
    const res = await request();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
  });

  it('sends no HSTS unless HSTS_MAX_AGE_SECONDS is set', async () => {
    const res = await fetch(`${bare.origin}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.has('strict-transport-security')).toBe(false);
  });

  it('leave Apollo Sandbox its landing page in development (no Content-Security-Policy)', async () => {
    const res = await fetch(development.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.has('content-security-policy')).toBe(false);
    expect(await res.text()).toMatch(/sandbox/i);
  });
});

function post$(query: string, authorization?: string): RequestInit {
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ query }),
  };
}
