// Rate limits shared by two router instances through Redis: per address, user and API key.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { GraphQLHttpResponse } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from './support/api-keys.ts';
import { bearer, codes, post, send } from './support/graphql.ts';
import { countAfterFirst, metricValue, subgraphCalls } from './support/metrics.ts';
import { startRedisServer } from './support/redis-server.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { connect, subscribe, waitForGauge } from './support/subscriber.ts';

// Quotas in points; an operation spends its estimated cost (demand control), measured below
// from the RateLimit header rather than assumed, so the tests follow the cost model.
const POINTS = { anonymous: 15, user: 24, partner: 60 };
const QUERY = '{ searchHotels(input: {}, first: 1) { edges { node { id name } } } }';
const SIGN_UP = 'mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }';

let stack: TestStack;
let second: { url: string; stop(): Promise<void> };
let addresses = 0;
/** A client address of its own for each use (documentation range), so tests don't share. */
const newAddress = () => `198.51.100.${++addresses}`;
const from = (address: string) => ({ 'x-forwarded-for': address });

beforeAll(async () => {
  stack = await startTestStack({
    redis: true,
    routerEnv: {
      // The tests are the load balancer: they say which client each request is from.
      TRUSTED_PROXIES: 'loopback',
      RATE_LIMIT_ANONYMOUS_POINTS: String(POINTS.anonymous),
      RATE_LIMIT_USER_POINTS: String(POINTS.user),
      RATE_LIMIT_PARTNER_POINTS: String(POINTS.partner),
      // Every spend decided by Redis, so that each answer's RateLimit header counts both
      // routers exactly. By default an identity busy on one router is decided there for a
      // moment; router/test/rate-limits-sync.int.test.ts covers that.
      RATE_LIMIT_SYNC_MS: '0',
    },
  });
  second = await stack.startRouter();
});
afterAll(async () => {
  await second?.stop();
  await stack?.stop();
});

/** Signs a user up from an address of their own (the sign-up spends from that address). */
async function newUser(role: 'TRAVELER' | 'PARTNER' = 'TRAVELER') {
  const input = {
    email: `${randomUUID()}@e2e.test`,
    password: 'correct horse battery',
    name: 'E2E',
    role,
  };
  const res = await post(stack.url, SIGN_UP, { input }, from(newAddress()));
  expect(res.body.errors).toBeUndefined();
  return { id: res.body.data?.signUp.user.id as string, auth: bearer(res.body.data?.signUp.token) };
}

const routers = () => [stack.url, second.url];
/** `count` requests alternating between the two routers; their answers in order. */
async function spend(count: number, headers: Record<string, string>, query = QUERY) {
  const answers: GraphQLHttpResponse[] = [];
  for (let i = 0; i < count; i++) {
    answers.push(await post(routers()[i % 2] as string, query, {}, headers));
  }
  return answers;
}

/** `r` of the `RateLimit` header: the points left in the window. */
function remaining(res: GraphQLHttpResponse): number {
  const match = /;r=(\d+);/.exec(res.headers.get('ratelimit') ?? '');
  if (!match) throw new Error(`no RateLimit header: ${res.headers.get('ratelimit')}`);
  return Number(match[1]);
}

/** What one operation spends: the first answer to a fresh anonymous address tells. */
async function costOf(body: string): Promise<number> {
  const res = await send(stack.url, body, from(newAddress()));
  expect(res.status).toBe(200);
  const cost = POINTS.anonymous - remaining(res);
  expect(cost).toBeGreaterThanOrEqual(1);
  return cost;
}
const queryBody = (query: string) => JSON.stringify({ query });

function expectRefused(res: GraphQLHttpResponse, policy: string) {
  expect(res.status).toBe(429);
  expect(codes(res)).toEqual(['RATE_LIMITED']);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(retryAfter);
  expect(res.headers.get('ratelimit')).toMatch(new RegExp(`^"${policy}";r=0;t=\\d+$`));
}

describe('rate limits', () => {
  it('counts an anonymous address over both routers, cache hits included', async () => {
    const cost = await costOf(queryBody(QUERY));
    const address = newAddress();
    const answers = await spend(Math.floor(POINTS.anonymous / cost), from(address));
    answers.forEach((res, i) => {
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.headers.get('ratelimit-policy')).toBe('"anonymous";q=15;w=60');
      expect(res.headers.get('ratelimit')).toMatch(
        new RegExp(`^"anonymous";r=${POINTS.anonymous - cost * (i + 1)};t=\\d+$`),
      );
    });
    // Uncached lookups (1 point each) costing one more than what is left.
    const left = remaining(answers.at(-1) as GraphQLHttpResponse);
    const lookups = Array.from({ length: left + 1 }, (_, i) => `h${i}: hotel(id: "nope") { id }`);
    const before = await subgraphCalls(stack.subgraphUrls);
    const refused = await post(second.url, `{ ${lookups.join(' ')} }`, {}, from(address));
    expectRefused(refused, 'anonymous');
    expect(await subgraphCalls(stack.subgraphUrls)).toBe(before);
    // Another address has its own window.
    expect((await post(stack.url, QUERY, {}, from(newAddress()))).status).toBe(200);
    expect(
      await metricValue(second.url, 'rate_limit_refused_total', { policy: 'anonymous' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('answers 429 in application/graphql-response+json when the client asks for it', async () => {
    const address = newAddress();
    await spend(Math.floor(POINTS.anonymous / (await costOf(queryBody(QUERY)))), from(address));
    const res = await post(
      stack.url,
      QUERY,
      {},
      {
        ...from(address),
        accept: 'application/graphql-response+json',
      },
    );
    expectRefused(res, 'anonymous');
    expect(res.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });

  it('counts a signed-in user over every address and both routers, not other users', async () => {
    const cost = await costOf(queryBody(QUERY));
    const user = await newUser();
    const other = await newUser();
    for (let i = 0; i < Math.floor(POINTS.user / cost); i++) {
      const res = await post(
        routers()[i % 2] as string,
        QUERY,
        {},
        { ...user.auth, ...from(newAddress()) },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-policy')).toBe('"user";q=24;w=60');
    }
    expectRefused(
      await post(stack.url, QUERY, {}, { ...user.auth, ...from(newAddress()) }),
      'user',
    );
    expect((await post(second.url, QUERY, {}, other.auth)).status).toBe(200);
  });

  it("counts a partner's API key by its plan, apart from the partner's own sign-in", async () => {
    const partner = await newUser('PARTNER');
    const { secret } = await createApiKey(stack.url, partner, 'engine');
    const manifest = JSON.parse(
      readFileSync(new URL('../../schema/persisted-queries/partner.json', import.meta.url), 'utf8'),
    ) as { operations: { id: string; name: string }[] };
    const id = manifest.operations.find((o) => o.name === 'PartnerSearchHotels')?.id;
    const body = JSON.stringify({
      extensions: { persistedQuery: { version: 1, sha256Hash: id } },
      variables: { input: {}, first: 1 },
    });
    const cost = await costOf(body);
    for (let i = 0; i < Math.floor(POINTS.partner / cost); i++) {
      const res = await send(routers()[i % 2] as string, body, { 'x-api-key': secret });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.headers.get('ratelimit-policy')).toBe('"partner";q=60;w=60');
    }
    expectRefused(await send(second.url, body, { 'x-api-key': secret }), 'partner');
    expect((await post(stack.url, QUERY, {}, partner.auth)).status).toBe(200);
  });

  it('counts starting a subscription and refuses one over the limit with RATE_LIMITED', async () => {
    const cost = await costOf(queryBody(QUERY));
    const user = await newUser();
    const conn = connect(stack.url, { authorization: user.auth.authorization });
    const first = subscribe(conn.client, 'subscription { myBookingUpdates { id } }');
    await waitForGauge(stack.url, 'graphql_subscriptions_active', 1);
    // The subscription spent its cost (one Booking: 1 point) from the same window as HTTP.
    const [firstAnswer] = await spend(1, user.auth);
    expect(remaining(firstAnswer as GraphQLHttpResponse)).toBe(POINTS.user - 1 - cost);
    const left = Math.floor((POINTS.user - 1 - cost) / cost);
    const answers = await spend(left, user.auth);
    expect(answers.map((res) => res.status)).toEqual(Array(left).fill(200));
    expectRefused(await post(second.url, QUERY, {}, user.auth), 'user');
    const refused = subscribe(conn.client, 'subscription { myBookingUpdates { id } }');
    expect(await refused.failure()).toMatchObject([
      { extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } },
    ]);
    first.unsubscribe();
    await conn.dispose();
  });
});

describe('rate limits behind no trusted proxy', () => {
  it('ignores X-Forwarded-For from an untrusted peer', async () => {
    const direct = await stack.startRouter({
      TRUSTED_PROXIES: '',
      REDIS_KEY_PREFIX: `${stack.redisKeyPrefix}direct:`,
    });
    try {
      // Each request claims another address; all come from this test's socket peer.
      const allowed = Math.floor(POINTS.anonymous / (await costOf(queryBody(QUERY))));
      const answers = [];
      for (let i = 0; i <= allowed; i++) {
        answers.push(await post(direct.url, QUERY, {}, from(newAddress())));
      }
      expect(answers.slice(0, allowed).map((res) => res.status)).toEqual(Array(allowed).fill(200));
      expectRefused(answers[allowed] as GraphQLHttpResponse, 'anonymous');
    } finally {
      await direct.stop();
    }
  });
});

describe('rate limits when Redis fails', () => {
  it('lets operations through (fail open) when Redis is slow or gone, counting them', async () => {
    const redis = await startRedisServer();
    const router = await stack.startRouter({
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `${stack.redisKeyPrefix}outage:`,
      RESPONSE_CACHE: 'false',
    });
    const failedOpen = (reason: string) =>
      metricValue(router.url, 'redis_fallbacks_total', {
        store: 'rate_limits',
        op: 'consume',
        reason,
      });
    try {
      const cost = await costOf(queryBody(QUERY));
      const address = newAddress();
      const ask = () => post(router.url, QUERY, {}, from(address));
      // Up: counted in that Redis.
      expect(remaining(await ask())).toBe(POINTS.anonymous - cost);

      // Slow: the check is abandoned at REDIS_TIMEOUT_MS, the answer does not wait.
      const sleeping = redis.block(2);
      await new Promise((resolve) => setTimeout(resolve, 50)); // let Redis start sleeping
      const started = Date.now();
      const slow = await ask();
      expect(Date.now() - started).toBeLessThan(1500);
      expect(slow.status).toBe(200);
      expect(slow.body.errors).toBeUndefined();
      // The policy stands; where the client stands is unknown.
      expect(slow.headers.get('ratelimit-policy')).toBe('"anonymous";q=15;w=60');
      expect(slow.headers.get('ratelimit')).toBeNull();
      expect(await failedOpen('timeout')).toBeGreaterThanOrEqual(1);
      await sleeping;

      // Gone: more than the quota passes, each one counted.
      await redis.stop();
      // An ask sent before the router has read the closed socket waits on a command in
      // flight and fails open at the deadline instead (a 'timeout'): count from the first
      // 'error'.
      const before = await countAfterFirst(() => failedOpen('error'), ask);
      const overQuota = Math.floor(POINTS.anonymous / cost) + 1;
      for (let i = 0; i < overQuota; i++) {
        const res = await ask();
        expect(res.status).toBe(200);
        expect(res.body.errors).toBeUndefined();
      }
      expect(await failedOpen('error')).toBeGreaterThanOrEqual(before + overQuota);
    } finally {
      // Redis back first, so the router's connections close cleanly.
      if (!redis.running) await redis.start();
      await router.stop();
      await redis.stop();
    }
  });
});
