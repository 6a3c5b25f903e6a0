import { get } from 'node:http';
import { rawConnection } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedRouter, startRouter } from './support/start-router.ts';
import { startTestSubgraphs, type TestSubgraphs } from './support/test-subgraphs.ts';

let subgraphs: TestSubgraphs;
let router: StartedRouter;

beforeAll(async () => {
  subgraphs = await startTestSubgraphs();
  router = await startRouter({
    supergraphSdl: subgraphs.supergraphSdl,
    env: { HTTP_KEEP_ALIVE_TIMEOUT_MS: '75000', HTTP_REQUEST_TIMEOUT_MS: '500' },
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

describe('a client that sends its request too slowly', () => {
  it('is answered 408 after HTTP_REQUEST_TIMEOUT_MS, while others are served', async () => {
    const { hostname, port } = new URL(router.origin);
    const client = rawConnection(Number(port), hostname);
    // A body announced at 1,000 bytes, then a trickle that never completes it.
    client.write(
      'POST /graphql HTTP/1.1\r\nHost: router\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\n\r\n{"query":"',
    );
    const trickle = setInterval(() => client.write(' '), 100);
    try {
      const others = await fetch(`${router.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(await others.json()).toEqual({ data: { __typename: 'Query' } });
      const after = await client.closed;
      expect(client.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(after).toBeGreaterThanOrEqual(450);
      expect(after).toBeLessThan(3000);
    } finally {
      clearInterval(trickle);
      client.destroy();
    }
  });
});
