// Cache hits answered before Apollo Server's pipeline (the response cache's fast path).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from './support/api-keys.ts';
import { dataOf } from './support/bookings.ts';
import { bearer, codes, send } from './support/graphql.ts';
import { metricValue, subgraphCalls } from './support/metrics.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { type SignedInUser, signUp } from './support/users.ts';

const manifest = JSON.parse(
  readFileSync(new URL('../../schema/persisted-queries/partner.json', import.meta.url), 'utf8'),
) as { operations: { id: string; name: string; body: string }[] };
const listed = (name: string) => {
  const found = manifest.operations.find((o) => o.name === name);
  if (!found) throw new Error(`${name} is not in partner.json`);
  return found;
};

// Signed-in users get a small budget: the rate-limit test reaches it in a few requests.
const USER_POINTS = 200;
let stack: TestStack;
let traveler: SignedInUser;

const fastPath = (outcome: string) =>
  metricValue(stack.url, 'response_cache_fast_path_total', { outcome });
const stored = () => metricValue(stack.url, 'response_cache_writes_total', { outcome: 'stored' });

/** Posts `body` and counts what answering it took: subgraph calls and fast-path hits. */
async function counted(body: string, headers: Record<string, string> = {}) {
  const [calls, hits] = [await subgraphCalls(stack.subgraphUrls), await fastPath('hit')];
  const res = await send(stack.url, body, headers);
  return {
    res,
    calls: (await subgraphCalls(stack.subgraphUrls)) - calls,
    fast: (await fastPath('hit')) - hits,
  };
}

/** Runs `body` through the pipeline once and waits until its answer is stored. */
async function warm(body: string, headers: Record<string, string> = {}) {
  const before = await stored();
  const first = await counted(body, headers);
  expect(first.fast).toBe(0);
  await vi.waitFor(async () => expect(await stored()).toBeGreaterThan(before), {
    // A background write: on a busy machine it may take a while to settle.
    timeout: 10_000,
  });
  return first;
}

const SEARCH =
  'query Search($city: String) { searchHotels(input: { city: $city }) { totalCount edges { node { name } } } }';
const body = (query: string, variables: Record<string, unknown> = {}) =>
  JSON.stringify({ query, variables });

beforeAll(async () => {
  stack = await startTestStack({ routerEnv: { RATE_LIMIT_USER_POINTS: String(USER_POINTS) } });
  traveler = await signUp(stack.url, 'fast-traveler@e2e.test');
});
afterAll(async () => {
  await stack?.stop();
});

describe('a hit of a query text seen before', () => {
  it('is answered without the pipeline or any subgraph, with the pipeline hit’s bytes and headers', async () => {
    const variables = { city: 'Lisbon' };
    const first = await warm(body(SEARCH, variables));
    expect(first.calls).toBeGreaterThan(0);
    // Another spelling of the same operation: a text the fast path has not seen, so the
    // pipeline answers it, from the same entry.
    const spelled = `${SEARCH}  # another spelling`;
    const slow = await counted(body(spelled, variables), {
      accept: 'application/graphql-response+json',
    });
    expect(slow).toMatchObject({ calls: 0, fast: 0 });
    const fast = await counted(body(SEARCH, variables), {
      accept: 'application/graphql-response+json',
    });
    expect(fast).toMatchObject({ calls: 0, fast: 1 });
    expect(await fast.res.body).toEqual(slow.res.body);
    const same = ['content-type', 'cache-control', 'content-length', 'etag', 'ratelimit-policy'];
    for (const name of same)
      expect(fast.res.headers.get(name), name).toBe(slow.res.headers.get(name));
    expect(fast.res.headers.get('content-type')).toBe(
      'application/graphql-response+json; charset=utf-8',
    );
    expect(fast.res.headers.get('age')).toMatch(/^\d+$/);
    expect(fast.res.headers.get('ratelimit')).toMatch(/^"anonymous";r=\d+;t=\d+$/);
    expect(fast.res.headers.get('x-request-id')).toBeTruthy();
    expect(fast.res.headers.get('x-request-id')).not.toBe(slow.res.headers.get('x-request-id'));
  });

  it('counts in the request metrics like a hit through the pipeline', async () => {
    const name = 'FastCounted';
    const query = `query ${name} { searchHotels(input: { city: "Porto" }) { totalCount } }`;
    const timed = () =>
      metricValue(stack.url, 'graphql_request_duration_seconds_count', { operation_name: name });
    await warm(body(query));
    const [before, hitsBefore] = [
      await timed(),
      await metricValue(stack.url, 'response_cache_hits_total'),
    ];
    expect((await counted(body(query))).fast).toBe(1);
    expect(await timed()).toBe(before + 1);
    expect(await metricValue(stack.url, 'response_cache_hits_total')).toBe(hitsBefore + 1);
  });

  it('hands a miss on to the pipeline without looking it up again', async () => {
    const query = 'query ($city: String) { searchHotels(input: { city: $city }) { totalCount } }';
    await warm(body(query, { city: 'Evora' }));
    const misses = () => metricValue(stack.url, 'response_cache_misses_total');
    const [missesBefore, fastMissesBefore] = [await misses(), await fastPath('miss')];
    const other = await counted(body(query, { city: 'Tavira' }));
    expect(other).toMatchObject({ fast: 0 });
    expect(other.calls).toBeGreaterThan(0);
    expect(await fastPath('miss')).toBe(fastMissesBefore + 1);
    expect(await misses()).toBe(missesBefore + 1);
  });

  it('leaves GET requests to the pipeline (CSRF prevention included)', async () => {
    const query = '{ searchHotels(input: { city: "Faro" }) { totalCount } }';
    await warm(body(query));
    const get = await fetch(`${stack.url}?query=${encodeURIComponent(query)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    const before = await fastPath('hit');
    // A GET without a preflight header is still refused by CSRF prevention.
    expect((await fetch(`${stack.url}?query=${encodeURIComponent(query)}`)).status).toBe(400);
    expect(await fastPath('hit')).toBe(before);
  });
});

describe('sessions', () => {
  it('keeps PRIVATE entries to their user', async () => {
    const ME = '{ me { name email } }';
    const other = await signUp(stack.url, 'fast-other@e2e.test');
    await warm(body(ME), traveler.auth);
    const mine = await counted(body(ME), traveler.auth);
    expect(mine).toMatchObject({ calls: 0, fast: 1 });
    expect(dataOf(mine.res).me.email).toBe('fast-traveler@e2e.test');
    const theirs = await counted(body(ME), other.auth);
    expect(theirs.fast).toBe(0);
    expect(theirs.calls).toBeGreaterThan(0);
    expect(dataOf(theirs.res).me.email).toBe('fast-other@e2e.test');
    const anonymous = await counted(body(ME));
    expect(anonymous.fast).toBe(0);
    expect(dataOf(anonymous.res).me).toBeNull();
  });

  it('answers a forged token 401 before any lookup', async () => {
    const ME = '{ me { name } }';
    await warm(body(ME), traveler.auth);
    const lookups = async () =>
      (await metricValue(stack.url, 'response_cache_hits_total')) +
      (await metricValue(stack.url, 'response_cache_misses_total'));
    const before = await lookups();
    const [, payload] = (traveler.auth.authorization ?? '').split('.');
    const forged = await counted(body(ME), bearer(`eyJhbGciOiJIUzI1NiJ9.${payload}.forged`));
    expect(forged.res.status).toBe(401);
    expect(codes(forged.res)).toEqual(['UNAUTHENTICATED']);
    expect(forged.fast).toBe(0);
    expect(await lookups()).toBe(before);
  });
});

describe('limits', () => {
  it('refuses a rate-limited client on a hit, spending the stored cost', async () => {
    const user = await signUp(stack.url, `fast-limited-${randomUUID()}@e2e.test`);
    const query =
      '{ searchHotels(input: { city: "Braga" }, first: 20) { edges { node { name } } } }';
    const remaining = (res: { headers: Headers }) =>
      Number(res.headers.get('ratelimit')?.match(/r=(\d+)/)?.[1]);
    const warmed = await warm(body(query), user.auth);
    // What the pipeline spent: the operation's cost.
    const cost = USER_POINTS - remaining(warmed.res);
    expect(cost).toBeGreaterThan(1);
    const refusedBefore = await fastPath('rate_limited');
    let last = await counted(body(query), user.auth);
    // A hit spends the stored cost, as the pipeline does.
    expect(remaining(warmed.res) - remaining(last.res)).toBe(cost);
    for (let i = 0; i < USER_POINTS && last.res.status === 200; i++) {
      expect(last).toMatchObject({ calls: 0, fast: 1 });
      last = await counted(body(query), user.auth);
    }
    expect(last.res.status).toBe(429);
    expect(last.fast).toBe(0);
    expect(codes(last.res)).toEqual(['RATE_LIMITED']);
    expect(last.res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(last.res.headers.get('cache-control')).toBe('no-store');
    expect(remaining(last.res)).toBe(0);
    expect(await fastPath('rate_limited')).toBe(refusedBefore + 1);
  });

  it("spends a body's cost once when it missed after spending ahead of its lookup", async () => {
    const user = await signUp(stack.url, `fast-ahead-${randomUUID()}@e2e.test`);
    const query = '{ me { trips { id title } } }';
    const remaining = (res: { headers: Headers }) =>
      Number(res.headers.get('ratelimit')?.match(/r=(\d+)/)?.[1]);
    const warmed = await warm(body(query), user.auth);
    const cost = USER_POINTS - remaining(warmed.res);
    expect(cost).toBeGreaterThan(1);
    // A hit: from now on the fast path knows this body's cost and spends it while looking up.
    const hit = await counted(body(query), user.auth);
    expect(hit).toMatchObject({ calls: 0, fast: 1 });
    expect(remaining(warmed.res) - remaining(hit.res)).toBe(cost);
    // The user's new trip drops the entry: the next request misses after its early spend.
    const input = {
      title: 'Ahead',
      destination: 'Porto',
      startDate: '2031-05-01',
      endDate: '2031-05-04',
    };
    const created = await send(
      stack.url,
      JSON.stringify({
        query: 'mutation ($input: CreateTripInput!) { createTrip(input: $input) { id } }',
        variables: { input },
      }),
      user.auth,
    );
    expect(created.status).toBe(200);
    const missed = await counted(body(query), user.auth);
    expect(missed.fast).toBe(0);
    expect(missed.calls).toBeGreaterThan(0);
    expect(dataOf(missed.res).me.trips).toEqual([{ id: expect.any(String), title: 'Ahead' }]);
    // The pipeline took the early spend over: the cost once, not twice.
    expect(remaining(created) - remaining(missed.res)).toBe(cost);
  });

  it('does not let a partner read an operation that is not listed', async () => {
    const owner = await signUp(stack.url, `fast-partner-${randomUUID()}@e2e.test`, 'PARTNER');
    const key = { 'x-api-key': (await createApiKey(stack.url, owner, 'fast path')).secret };
    // Cached by a first-party client, as text.
    await warm(body(SEARCH, { city: 'Coimbra' }));
    const refused = await counted(body(SEARCH, { city: 'Coimbra' }), key);
    expect(refused.fast).toBe(0);
    expect(refused.res.body.data ?? null).toBeNull();
    expect(codes(refused.res)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    // A listed operation by id is answered by the fast path once its text is known.
    const operation = listed('PartnerSearchHotels');
    const byId = JSON.stringify({
      documentId: `sha256:${operation.id}`,
      variables: { input: { city: 'Coimbra' } },
    });
    await warm(byId, key);
    expect(await counted(byId, key)).toMatchObject({ calls: 0, fast: 1 });
  });
});
