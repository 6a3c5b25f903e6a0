import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, type StartedRouter, startRouter } from './support/start-router.ts';
import {
  HANG_TIMED_OUT,
  releaseHangs,
  startTestSubgraphs,
  type TestSubgraphs,
} from './support/test-subgraphs.ts';

let subgraphs: TestSubgraphs;
let router: StartedRouter;

beforeAll(async () => {
  subgraphs = await startTestSubgraphs();
  const { supergraphSdl } = subgraphs;
  router = await startRouter({ supergraphSdl, env: { SUBGRAPH_TIMEOUT_MS: '500' } });
});

afterAll(async () => {
  releaseHangs();
  await router?.stop();
  await subgraphs?.stop();
});

describe('a subgraph that does not answer', () => {
  it('fails the fields it owns after SUBGRAPH_TIMEOUT_MS, as SERVICE_UNAVAILABLE, counted', async () => {
    // Without the timeout this request would wait for as long as the subgraph does: forever.
    const res = await post(router.url, { query: '{ hang }' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(HANG_TIMED_OUT);
    const metrics = await (await fetch(`${router.origin}/metrics`)).text();
    expect(metrics).toMatch(/subgraph_fetch_errors_total\{[^}]*subgraph="accounts"[^}]*\} 1/);
    // The router itself is unharmed.
    expect((await post(router.url, { query: '{ whoami }' })).body).toEqual({
      data: { whoami: 'anonymous' },
    });
  });
});
