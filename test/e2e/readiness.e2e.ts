import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { post } from './support/graphql.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

// A stack of its own: this file stops a subgraph.
let stack: TestStack;
let origin: string;
beforeAll(async () => {
  stack = await startTestStack({ seed: true });
  origin = new URL(stack.url).origin;
});
afterAll(async () => {
  await stack?.stop();
});

const readyz = async (base: string) => {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: await res.json() };
};

describe('router readiness', () => {
  it('is ready, listing every subgraph, while all of them answer', async () => {
    expect(await readyz(origin)).toEqual({
      status: 200,
      body: {
        status: 'ready',
        supergraph: 'loaded',
        subgraphs: { accounts: 'ready', bookings: 'ready', hotels: 'ready', trips: 'ready' },
      },
    });
    const hotels = new URL(stack.subgraphUrls.hotels).origin;
    expect(await readyz(hotels)).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('with accounts down: 200, degraded, naming accounts, and serves what it can', async () => {
    await stack.stopSubgraph('accounts');
    // The report is reused for up to 2 s (readinessCacheMs): wait for the fresh one.
    await vi.waitFor(
      async () =>
        expect(await readyz(origin)).toEqual({
          status: 200,
          body: {
            status: 'degraded',
            supergraph: 'loaded',
            subgraphs: {
              accounts: 'unavailable',
              bookings: 'ready',
              hotels: 'ready',
              trips: 'ready',
            },
          },
        }),
      { timeout: 10_000, interval: 200 },
    );
    const res = await post(
      stack.url,
      '{ searchHotels(input: {}, first: 2) { edges { node { name } } } }',
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.searchHotels.edges).toHaveLength(2);
    // Liveness knows nothing of subgraphs.
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });
});
