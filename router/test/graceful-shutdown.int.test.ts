import { shutdownGracefully } from '@travel/lifecycle';
import { connectionOutcome } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { post, type StartedRouter, startRouter } from './support/start-router.ts';
import { releaseHangs, startTestSubgraphs, type TestSubgraphs } from './support/test-subgraphs.ts';

let subgraphs: TestSubgraphs;
let router: StartedRouter;

beforeAll(async () => {
  subgraphs = await startTestSubgraphs();
  const { supergraphSdl } = subgraphs;
  router = await startRouter({ supergraphSdl, env: { SHUTDOWN_DRAIN_TIMEOUT_MS: '20000' } });
});

afterAll(async () => {
  releaseHangs();
  await router?.stop();
  await subgraphs?.stop();
});

describe('SIGTERM (shutdownGracefully) with 20 requests in flight', () => {
  it('answers all 20, is unready but serving during the grace period, then refuses', async () => {
    const hangCalls = () => subgraphs.calls.filter((call) => call.query.includes('hang')).length;
    // Held by the accounts subgraph until the test releases them. Each asks under its own
    // alias: identical queries in flight would share one subgraph call (SUBGRAPH_DEDUP).
    const inFlight = Array.from({ length: 20 }, (_, i) =>
      post(router.url, { query: `{ hang${i}: hang }` }),
    );
    await vi.waitFor(() => expect(hangCalls()).toBe(20));

    const log = { info: () => {} };
    const stopped = shutdownGracefully(router.router, { graceMs: 1500, log });

    // The grace period: balancers see 503, while whoever still sends is served.
    const ready = await fetch(`${router.origin}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'draining' });
    const during = await post(router.url, { query: '{ whoami }' });
    expect(during.status).toBe(200);
    expect(during.body).toEqual({ data: { whoami: 'anonymous' } });
    expect(router.router.httpServer.listening).toBe(true);

    // After it: the listener is closed, so a new connection is refused, not reset.
    await vi.waitFor(() => expect(router.router.httpServer.listening).toBe(false), {
      timeout: 10_000,
    });
    expect(await connectionOutcome(Number(new URL(router.origin).port))).toBe('ECONNREFUSED');

    releaseHangs();
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    answers.forEach((answer, i) => {
      expect(answer.body).toEqual({ data: { [`hang${i}`]: 'released' } });
    });
    await stopped;
  });
});
