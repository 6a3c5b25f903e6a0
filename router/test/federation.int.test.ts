import { createTokenIssuer } from '@travel/auth';
import { TEST_JWT_SECRET } from '@travel/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { post, type StartedRouter, startRouter } from './support/start-router.ts';
import {
  composeSupergraph,
  startTestSubgraphs,
  type TestSubgraphs,
} from './support/test-subgraphs.ts';

let subgraphs: TestSubgraphs;
let router: StartedRouter;

beforeAll(async () => {
  subgraphs = await startTestSubgraphs();
  // The composed URL of accounts leads nowhere: only SUBGRAPH_URL_ACCOUNTS makes it work.
  const supergraphSdl = composeSupergraph({
    accounts: 'http://127.0.0.1:9/graphql',
    reviews: subgraphs.reviews.url,
  });
  router = await startRouter({
    supergraphSdl,
    env: { SUBGRAPH_URL_ACCOUNTS: subgraphs.accounts.url },
  });
});

afterAll(async () => {
  await router?.stop();
  await subgraphs?.stop();
});

beforeEach(() => {
  subgraphs.calls.length = 0;
});

describe('federated queries through the router', () => {
  it('answers a query across both subgraphs, at the overridden subgraph URL', async () => {
    const res = await post(router.url, { query: '{ users { id name reviews { body } } }' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: {
        users: [
          { id: '1', name: 'Ada', reviews: [{ body: 'review of 1' }] },
          { id: '2', name: 'Grace', reviews: [{ body: 'review of 2' }] },
        ],
      },
    });
    expect(subgraphs.calls.map((c) => c.subgraph)).toEqual(['accounts', 'reviews']);
  });

  it('forwards Authorization and x-request-id to every subgraph and echoes the id', async () => {
    const token = await createTokenIssuer({ secret: TEST_JWT_SECRET }).issue({
      userId: 'u1',
      role: 'TRAVELER',
    });
    const authorization = `Bearer ${token}`;
    const res = await post(
      router.url,
      { query: '{ whoami echoHeaders { authorization requestId } users { reviews { body } } }' },
      { authorization, 'x-request-id': 'trace-42' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-42');
    expect(res.body.data.whoami).toBe('bearer');
    expect(res.body.data.echoHeaders).toEqual({ authorization, requestId: 'trace-42' });
    expect(subgraphs.calls).toHaveLength(2);
    for (const call of subgraphs.calls) {
      expect(call).toMatchObject({ authorization, requestId: 'trace-42' });
    }
  });

  it('creates a request id when the caller sends none or an unsafe one', async () => {
    const none = await post(router.url, { query: '{ echoHeaders { requestId } }' });
    const unsafe = await post(
      router.url,
      { query: '{ echoHeaders { requestId } }' },
      { 'x-request-id': 'evil id\twith spaces' },
    );
    for (const res of [none, unsafe]) {
      const id = res.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.data.echoHeaders.requestId).toBe(id);
    }
    expect(none.headers.get('x-request-id')).not.toBe(unsafe.headers.get('x-request-id'));
  });

  it('serves anonymous callers and forwards no Authorization', async () => {
    const res = await post(router.url, { query: '{ whoami echoHeaders { authorization } }' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ whoami: 'anonymous', echoHeaders: { authorization: null } });
    expect(subgraphs.calls[0]?.authorization).toBeUndefined();
  });

  it("answers 400 with the subgraph's BAD_USER_INPUT when no data came back", async () => {
    const res = await post(router.url, { query: '{ users(first: -1) { id } }' });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: 'first must not be negative',
        extensions: { code: 'BAD_USER_INPUT', serviceName: 'accounts' },
      }),
    ]);
  });

  it('times operations on /metrics', async () => {
    await post(router.url, { query: '{ whoami }' });
    const text = await (await fetch(`${router.origin}/metrics`)).text();
    expect(text).toMatch(/graphql_request_duration_seconds_count\{[^}]*outcome="ok"[^}]*\} [1-9]/);
  });

  it('is alive and ready while every subgraph is', async () => {
    const health = await fetch(`${router.origin}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${router.origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      supergraph: 'loaded',
      subgraphs: { accounts: 'ready', reviews: 'ready' },
    });
  });

  // Last: it stops a subgraph.
  it('stays ready, degraded, when a subgraph is down, names it without its address, and counts it', async () => {
    await subgraphs.reviews.stop();
    const ready = await fetch(`${router.origin}/readyz`);
    // One subgraph down must not take the whole API out of a readiness-gated balancer.
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'degraded',
      supergraph: 'loaded',
      subgraphs: { accounts: 'ready', reviews: 'unavailable' },
    });

    const res = await post(router.url, { query: '{ users { id reviews { body } } }' });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: 'The reviews service is unavailable',
        extensions: { code: 'SERVICE_UNAVAILABLE', service: 'reviews' },
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('127.0.0.1');
    const text = await (await fetch(`${router.origin}/metrics`)).text();
    expect(text).toMatch(/subgraph_fetch_errors_total\{[^}]*subgraph="reviews"[^}]*\} 1/);
    expect((await fetch(`${router.origin}/healthz`)).status).toBe(200);
  });
});
