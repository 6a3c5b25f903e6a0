// Redis stalled (SIGSTOP: connections open, nothing answers): APQ and API keys must not wait.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { GraphQLHttpResponse } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from './support/api-keys.ts';
import { codes, send } from './support/graphql.ts';
import { metricValue } from './support/metrics.ts';
import { type RedisServer, startRedisServer } from './support/redis-server.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { signUp } from './support/users.ts';

// The deadline is REDIS_TIMEOUT_MS (50 ms); a stalled store without one hangs for as long as
// Redis stays paused (the whole test). The bound only has to tell those apart: a tighter one
// measured how busy the machine was (212 ms once, with the whole suite running beside it).
const BOUND_MS = 1000;

const manifest = JSON.parse(
  readFileSync(new URL('../../schema/persisted-queries/partner.json', import.meta.url), 'utf8'),
) as { operations: { id: string; name: string }[] };
const SEARCH_ID = manifest.operations.find((o) => o.name === 'PartnerSearchHotels')?.id;

const QUERY = '{ searchHotels(input: { city: "Lisbon" }, first: 1) { totalCount } }';
const HASH = createHash('sha256').update(QUERY).digest('hex');
const apq = (withQuery: boolean) =>
  JSON.stringify({
    ...(withQuery ? { query: QUERY } : {}),
    extensions: { persistedQuery: { version: 1, sha256Hash: HASH } },
  });

let redis: RedisServer;
let stack: TestStack;

beforeAll(async () => {
  redis = await startRedisServer();
  stack = await startTestStack({ redisUrl: redis.url });
});
afterAll(async () => {
  redis?.resume();
  await stack?.stop();
  await redis?.stop();
});

async function newKey() {
  const partner = await signUp(stack.url, `stall-${randomUUID()}@e2e.test`, 'PARTNER');
  return (await createApiKey(stack.url, partner, 'stall')).secret;
}

const search = (secret: string) =>
  send(
    stack.url,
    JSON.stringify({ documentId: `sha256:${SEARCH_ID}`, variables: { input: {}, first: 1 } }),
    { 'x-api-key': secret },
  );

async function timed(request: () => Promise<GraphQLHttpResponse<any>>) {
  const started = performance.now();
  const res = await request();
  return { res, ms: performance.now() - started };
}

const fallbacks = (store: string) =>
  metricValue(stack.url, 'redis_fallbacks_total', { store, op: 'get' });

describe('with Redis paused (SIGSTOP)', () => {
  it('answers APQ by hash and x-api-key requests within the bound, then recovers', async () => {
    const cachedKey = await newKey();
    const freshKey = await newKey();
    // Registered and resolved while Redis answers: both now live in Redis.
    expect((await send(stack.url, apq(true))).body.errors).toBeUndefined();
    expect((await send(stack.url, apq(false))).body.errors).toBeUndefined();
    expect((await search(cachedKey)).body.errors).toBeUndefined();
    const apqBefore = await fallbacks('apq');
    const keysBefore = await fallbacks('api_keys');

    redis.pause();
    try {
      // The hash is not found (the store gave up): the client resends the text, as Apollo
      // Client does, and that is answered too.
      const byHash = await timed(() => send(stack.url, apq(false)));
      expect([byHash.res.status, codes(byHash.res)]).toEqual([200, ['PERSISTED_QUERY_NOT_FOUND']]);
      expect(byHash.ms).toBeLessThan(BOUND_MS);
      const resent = await timed(() => send(stack.url, apq(true)));
      expect(resent.res.body.errors).toBeUndefined();
      expect(resent.res.body.data?.searchHotels.totalCount).toBeGreaterThan(0);
      expect(resent.ms).toBeLessThan(BOUND_MS);

      // Keys: accounts is asked directly, whether Redis held the resolution or not.
      for (const secret of [cachedKey, freshKey]) {
        const partner = await timed(() => search(secret));
        expect([partner.res.status, partner.res.body.errors]).toEqual([200, undefined]);
        expect(partner.ms).toBeLessThan(BOUND_MS);
      }
      expect(await fallbacks('apq')).toBeGreaterThan(apqBefore);
      expect(await fallbacks('api_keys')).toBeGreaterThanOrEqual(keysBefore + 2);
    } finally {
      redis.resume();
    }

    // Back: the hash registered before the stall is found in Redis again.
    await vi.waitFor(
      async () => {
        const res = await send(stack.url, apq(false));
        expect(res.body.errors).toBeUndefined();
      },
      { timeout: 10_000, interval: 100 },
    );
    const after = await fallbacks('apq');
    expect((await search(cachedKey)).body.errors).toBeUndefined();
    expect((await send(stack.url, apq(false))).body.errors).toBeUndefined();
    expect(await fallbacks('apq')).toBe(after);
  });
});
