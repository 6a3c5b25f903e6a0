import { describe, expect, it } from 'vitest';
import { createReadiness, isReady } from './readiness.ts';

const SUBGRAPHS = [
  { name: 'accounts', url: 'http://accounts:4001/graphql' },
  { name: 'hotels', url: 'http://hotels:4002/graphql' },
];

const draining = () => false;

/** A fetch that answers from a table of URL → status, and counts calls. */
function fakeFetch(statuses: Record<string, number>) {
  const calls: string[] = [];
  const fn = (async (input: string | URL | Request) => {
    const url = String(input);
    calls.push(url);
    const status = statuses[url];
    if (status === undefined) throw new TypeError('fetch failed');
    return new Response(null, { status });
  }) as typeof fetch;
  return { fn, calls };
}

describe('createReadiness', () => {
  it('is not ready before a supergraph is loaded', async () => {
    const { fn, calls } = fakeFetch({});
    const check = createReadiness({ subgraphs: () => undefined, draining, fetch: fn });
    const report = await check();
    expect(report).toEqual({ status: 'unavailable', supergraph: 'not loaded', subgraphs: {} });
    expect(isReady(report)).toBe(false);
    expect(calls).toEqual([]);
  });

  it("is ready when every subgraph's /readyz answers 2xx", async () => {
    const { fn, calls } = fakeFetch({
      'http://accounts:4001/readyz': 200,
      'http://hotels:4002/readyz': 204,
    });
    const check = createReadiness({ subgraphs: () => SUBGRAPHS, draining, fetch: fn });
    const report = await check();
    expect(report).toEqual({
      status: 'ready',
      supergraph: 'loaded',
      subgraphs: { accounts: 'ready', hotels: 'ready' },
    });
    expect(isReady(report)).toBe(true);
    expect(calls.sort()).toEqual(['http://accounts:4001/readyz', 'http://hotels:4002/readyz']);
  });

  it('is degraded, still ready, naming the subgraph that answers 503 or not at all', async () => {
    const answers: Record<string, number>[] = [
      { 'http://accounts:4001/readyz': 200, 'http://hotels:4002/readyz': 503 },
      { 'http://accounts:4001/readyz': 200 },
    ];
    for (const statuses of answers) {
      const check = createReadiness({
        subgraphs: () => SUBGRAPHS,
        draining,
        fetch: fakeFetch(statuses).fn,
      });
      const report = await check();
      expect(report).toEqual({
        status: 'degraded',
        supergraph: 'loaded',
        subgraphs: { accounts: 'ready', hotels: 'unavailable' },
      });
      expect(isReady(report)).toBe(true);
    }
  });

  it('is degraded, not unready, with every subgraph down: the router still answers', async () => {
    const check = createReadiness({
      subgraphs: () => SUBGRAPHS,
      draining,
      fetch: fakeFetch({}).fn,
    });
    const report = await check();
    expect(report.status).toBe('degraded');
    expect(isReady(report)).toBe(true);
  });

  it('is unready while draining, at once (no cached report) and without probing', async () => {
    let leaving = false;
    const { fn, calls } = fakeFetch({
      'http://accounts:4001/readyz': 200,
      'http://hotels:4002/readyz': 200,
    });
    const check = createReadiness({
      subgraphs: () => SUBGRAPHS,
      draining: () => leaving,
      fetch: fn,
      cacheMs: 60_000,
    });
    expect(isReady(await check())).toBe(true);
    leaving = true;
    const report = await check();
    expect(report).toEqual({ status: 'draining', supergraph: 'loaded', subgraphs: {} });
    expect(isReady(report)).toBe(false);
    expect(calls).toHaveLength(2);
  });

  it('reuses a report for cacheMs, then asks again', async () => {
    let now = 1000;
    const { fn, calls } = fakeFetch({
      'http://accounts:4001/readyz': 200,
      'http://hotels:4002/readyz': 200,
    });
    const check = createReadiness({
      subgraphs: () => SUBGRAPHS,
      draining,
      fetch: fn,
      cacheMs: 2000,
      now: () => now,
    });
    await check();
    now += 1999;
    await check();
    expect(calls).toHaveLength(2);
    now += 1;
    await check();
    expect(calls).toHaveLength(4);
  });
});
