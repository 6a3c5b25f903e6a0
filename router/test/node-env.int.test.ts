import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, type StartedRouter, startRouter } from './support/start-router.ts';
import { startTestSubgraphs, type TestSubgraphs } from './support/test-subgraphs.ts';

let subgraphs: TestSubgraphs;
const routers: Partial<Record<'development' | 'production', StartedRouter>> = {};

beforeAll(async () => {
  subgraphs = await startTestSubgraphs();
  const { supergraphSdl } = subgraphs;
  for (const env of ['development', 'production'] as const) {
    routers[env] = await startRouter({ supergraphSdl, env: { NODE_ENV: env } });
  }
});

afterAll(async () => {
  await Promise.all(Object.values(routers).map((r) => r.stop()));
  await subgraphs?.stop();
});

const landingPage = (r: StartedRouter) => fetch(r.url, { headers: { accept: 'text/html' } });
const introspect = (r: StartedRouter) =>
  post(r.url, { query: '{ __schema { queryType { name } } }' });

describe('development', () => {
  it('serves Apollo Sandbox as the landing page', async () => {
    const res = await landingPage(routers.development as StartedRouter);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/sandbox/i);
  });

  it('answers introspection', async () => {
    const res = await introspect(routers.development as StartedRouter);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

describe('production', () => {
  it('serves no landing page', async () => {
    const res = await landingPage(routers.production as StartedRouter);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(await res.text()).not.toMatch(/<html/i);
  });

  it('refuses introspection', async () => {
    const res = await introspect(routers.production as StartedRouter);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.data).toBeUndefined();
  });

  it('hides field suggestions that would reveal the schema', async () => {
    const res = await post((routers.production as StartedRouter).url, { query: '{ whoam }' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).not.toMatch(/whoami/);
  });
});
