import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, type StartedRouter, startRouter } from './support/start-router.ts';
import { startTestSubgraphs, type TestSubgraphs } from './support/test-subgraphs.ts';

let subgraphs: TestSubgraphs;
let router: StartedRouter;

beforeAll(async () => {
  subgraphs = await startTestSubgraphs();
  router = await startRouter({ supergraphSdl: subgraphs.supergraphSdl });
});
afterAll(async () => {
  await router?.stop();
  await subgraphs?.stop();
});

describe('the routes the router answers', () => {
  it('serves GraphQL on /graphql/ as on /graphql', async () => {
    const res = await post(`${router.url}/`, { query: '{ whoami }' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { whoami: 'anonymous' } });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers HEAD on /healthz, /readyz and /metrics without a body', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      const res = await fetch(`${router.origin}${path}`, { method: 'HEAD' });
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toBe('');
    }
  });

  it('answers /readyz with its report and /metrics in Prometheus text', async () => {
    const ready = await fetch(`${router.origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await ready.json()).toEqual({
      status: 'ready',
      supergraph: 'loaded',
      subgraphs: { accounts: 'ready', reviews: 'ready' },
    });
    const metrics = await fetch(`${router.origin}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await metrics.text()).toMatch(/^graphql_client_requests_total/m);
  });

  it('answers any other path, and other methods on the routes, 404 in the GraphQL error shape', async () => {
    for (const [method, path] of [
      ['GET', '/nowhere'],
      ['POST', '/healthz'],
      ['POST', '/graphql/more'],
    ] as const) {
      const res = await fetch(`${router.origin}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.json()).toEqual({
        errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }],
      });
    }
  });

  it('answers a POST that is not JSON as Apollo does, without reading it as JSON', async () => {
    subgraphs.calls.length = 0;
    const res = await fetch(router.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{ whoami }',
    });
    expect(res.status).toBe(400);
    expect(subgraphs.calls).toEqual([]);
  });
});
