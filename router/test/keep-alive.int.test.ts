import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedRouter, startRouter } from './support/start-router.ts';
import { startTestSubgraphs, type TestSubgraphs } from './support/test-subgraphs.ts';

let subgraphs: TestSubgraphs;
let router: StartedRouter;

beforeAll(async () => {
  subgraphs = await startTestSubgraphs();
  router = await startRouter({
    supergraphSdl: subgraphs.supergraphSdl,
    env: { HTTP_KEEP_ALIVE_TIMEOUT_MS: '75000' },
  });
});
afterAll(async () => {
  await router?.stop();
  await subgraphs?.stop();
});

describe('idle keep-alive connections to the router', () => {
  it('stay open for HTTP_KEEP_ALIVE_TIMEOUT_MS, longer than a balancer keeps its own', async () => {
    const header = await new Promise<string | undefined>((resolve, reject) => {
      get(
        `${router.origin}/healthz`,
        { agent: false, headers: { connection: 'keep-alive' } },
        (res) => {
          res.resume();
          res.once('end', () => resolve(res.headers['keep-alive']?.toString()));
        },
      ).once('error', reject);
    });
    expect(header).toBe('timeout=75');
    expect(router.router.httpServer.keepAliveTimeout).toBe(75_000);
  });
});
