import { eventually } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReview, firstHotelId } from './support/catalogue.ts';
import { post } from './support/graphql.ts';
import { countAfterFirst, metricValue, subgraphCalls } from './support/metrics.ts';
import { type RedisServer, startRedisServer } from './support/redis-server.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { type SignedInUser, signUp } from './support/users.ts';

// A Redis of this test's own (the machine's is shared with other tests), killed mid-run.
let redis: RedisServer;
let stack: TestStack;
let user: SignedInUser;
let hotelId: string;

async function counted(query: string, variables = {}, headers = {}) {
  const before = await subgraphCalls(stack.subgraphUrls);
  const res = await post(stack.url, query, variables, headers);
  return { res, calls: (await subgraphCalls(stack.subgraphUrls)) - before };
}

const bypasses = (reason: 'timeout' | 'error') =>
  metricValue(stack.url, 'response_cache_bypasses_total', { reason });
const HOTEL = 'query ($id: ID!) { hotel(id: $id) { name reviews { totalCount } } }';

beforeAll(async () => {
  redis = await startRedisServer();
  stack = await startTestStack({
    routerEnv: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'outage:' },
  });
  user = await signUp(stack.url, 'outage@e2e.test');
  hotelId = await firstHotelId(stack.url);
});
afterAll(async () => {
  // Redis back first, so the router's connections close cleanly.
  if (redis && !redis.running) await redis.start();
  await stack?.stop();
  await redis?.stop();
});

describe('the response cache when Redis fails', () => {
  it('caches in that Redis while it is up', async () => {
    // The write runs in the background: wait for it, or the next read may come first.
    const stored = () =>
      metricValue(stack.url, 'response_cache_writes_total', { outcome: 'stored' });
    const before = await stored();
    // A background write within RESPONSE_CACHE_TIMEOUT_MS: on a loaded machine the first one
    // may pass the deadline and be skipped (by design), so ask again until one is stored.
    await eventually(
      async () => {
        await post(stack.url, HOTEL, { id: hotelId });
        return (await stored()) > before;
      },
      10_000,
      100,
    );
    expect((await counted(HOTEL, { id: hotelId })).calls).toBe(0);
  });

  it('bypasses a Redis slower than RESPONSE_CACHE_TIMEOUT_MS', async () => {
    const before = await bypasses('timeout');
    const fastBypasses = () =>
      metricValue(stack.url, 'response_cache_fast_path_total', { outcome: 'bypass' });
    const fastBefore = await fastBypasses();
    const sleeping = redis.block(0.5);
    await new Promise((resolve) => setTimeout(resolve, 20)); // let Redis start sleeping
    const started = Date.now();
    const res = await counted(HOTEL, { id: hotelId });
    expect(Date.now() - started).toBeLessThan(450);
    expect(res.res.body.errors).toBeUndefined();
    expect(res.calls).toBeGreaterThan(0);
    // The fast path gave up at the deadline and the pipeline did not wait again: one bypass.
    expect(await bypasses('timeout')).toBe(before + 1);
    expect(await fastBypasses()).toBe(fastBefore + 1);
    await sleeping;
  });

  it("holds a write's answer until its invalidation lands on a Redis slower than a read's deadline", async () => {
    const invalidations = (outcome: 'ok' | 'failed') =>
      metricValue(stack.url, 'response_cache_invalidations_total', { outcome });
    const reviewer = await signUp(stack.url, 'outage-slow-write@e2e.test');
    // Cached (the first test stored it; a background write may have to be asked for again).
    await eventually(
      async () => {
        await post(stack.url, HOTEL, { id: hotelId });
        return (await counted(HOTEL, { id: hotelId })).calls === 0;
      },
      10_000,
      100,
    );
    const reviews = (await post(stack.url, HOTEL, { id: hotelId })).body.data?.hotel.reviews;
    const [ok, failed] = [await invalidations('ok'), await invalidations('failed')];

    // Redis answers after 300 ms: past RESPONSE_CACHE_TIMEOUT_MS (50), within
    // RESPONSE_CACHE_INVALIDATION_TIMEOUT_MS (1000).
    const sleeping = redis.block(0.3);
    await new Promise((resolve) => setTimeout(resolve, 20)); // let Redis start sleeping
    const review = await addReview(stack.url, reviewer, hotelId, 4);
    await sleeping;
    expect(review.body).toEqual({ data: { addReview: { rating: 4 } } });
    expect(await invalidations('failed')).toBe(failed);
    expect(await invalidations('ok')).toBeGreaterThan(ok);
    // Gone before the answer left: the next read misses and counts the review.
    const after = await counted(HOTEL, { id: hotelId });
    expect(after.calls).toBeGreaterThan(0);
    expect(after.res.body.data?.hotel.reviews.totalCount).toBe(reviews.totalCount + 1);
  });

  it('keeps answering from the subgraphs once Redis is gone, counting bypasses', async () => {
    await redis.stop();
    // A request sent before the router has read the closed socket waits on a command in flight
    // and bypasses at the deadline instead (a 'timeout'): count from the first 'error'.
    const before = await countAfterFirst(
      () => bypasses('error'),
      () => post(stack.url, HOTEL, { id: hotelId }),
    );
    for (let i = 0; i < 3; i++) {
      const { res, calls } = await counted(HOTEL, { id: hotelId });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.hotel.name).toEqual(expect.any(String));
      expect(calls).toBeGreaterThan(0);
    }
    expect(await bypasses('error')).toBe(before + 3);
  });

  it('lets a write succeed when its invalidation fails, and counts the failure', async () => {
    const failed = () =>
      metricValue(stack.url, 'response_cache_invalidations_total', { outcome: 'failed' });
    const before = await failed();
    const review = await addReview(stack.url, user, hotelId, 3);
    expect(review.body).toEqual({ data: { addReview: { rating: 3 } } });
    expect(await failed()).toBeGreaterThan(before);
  });

  it('uses the cache again once Redis is back, after the pending invalidation', async () => {
    await redis.start();
    let calls = 1;
    await eventually(
      async () => {
        await post(stack.url, HOTEL, { id: hotelId });
        ({ calls } = await counted(HOTEL, { id: hotelId }));
        return calls === 0;
      },
      10_000,
      100,
    );
    expect(calls).toBe(0);
  });
});
