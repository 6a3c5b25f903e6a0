import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { post } from './support/graphql.ts';
import { metricValue } from './support/metrics.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

const TIMEOUT_MS = 500;

// A stack of its own: its router gives up on subgraphs after TIMEOUT_MS, and caches no
// response (every query here must reach hotels).
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({
    routerEnv: { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS), RESPONSE_CACHE: 'false' },
  });
});
afterAll(async () => {
  await stack?.stop();
});

/** Holds every statement that reads `hotels` until `release()`: the subgraph is paused in SQL. */
async function lockHotelsTable(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE hotels IN ACCESS EXCLUSIVE MODE');
  return {
    async release() {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

const SEARCH = `{
  searchHotels(input: {}, first: 5) {
    edges { node { name roomTypes { name } reviews(first: 5) { edges { node { rating } } } } }
  }
}`;

describe('a subgraph request the router abandons at its timeout', () => {
  it('answers SERVICE_UNAVAILABLE in about the timeout, and the subgraph sends no more SQL', async () => {
    // Unpaused, the same query needs more statements after the first (room types, reviews).
    stack.resetSql();
    const normal = await post(stack.url, SEARCH);
    expect(normal.body.errors).toBeUndefined();
    expect(stack.sql.hotels.length).toBeGreaterThan(1);

    const answered = () =>
      metricValue(stack.subgraphUrls.hotels, 'graphql_request_duration_seconds_count');
    const answeredBefore = await answered();
    const lock = await lockHotelsTable(stack.databaseUrls.hotels);
    try {
      stack.resetSql();
      const startedAt = performance.now();
      const res = await post(stack.url, SEARCH);
      const elapsed = performance.now() - startedAt;

      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        service: 'hotels',
      });
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 4000);
      // The search itself was sent, and waits for the lock.
      const sentBeforeAbort = [...stack.sql.hotels];
      expect(sentBeforeAbort.some((sql) => /\bhotels\b/.test(sql))).toBe(true);

      // Let the waiting statement finish: the resolvers after it find the request cancelled.
      await lock.release();
      await vi.waitFor(async () => expect(await answered()).toBe(answeredBefore + 1), {
        timeout: 10_000,
      });
      expect(stack.sql.hotels).toEqual(sentBeforeAbort);
    } finally {
      await lock.release().catch(() => {});
    }

    // The subgraph itself is unharmed.
    const after = await post(stack.url, SEARCH);
    expect(after.body.errors).toBeUndefined();
  });
});
