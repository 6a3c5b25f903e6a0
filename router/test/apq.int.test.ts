// APQ through the real router and Redis, with Apollo Client 4's PersistedQueryLink.
import { createHash } from 'node:crypto';
import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { testRedisUrl } from '@travel/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../test/e2e/support/stack.ts';
import { post } from './support/start-router.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let stack: TestStack;
let second: { url: string; stop(): Promise<void> };
let redis: Redis;
beforeAll(async () => {
  stack = await startTestStack({ redis: true });
  second = await stack.startRouter();
  redis = new Redis(testRedisUrl());
});
afterAll(async () => {
  redis?.disconnect();
  await second?.stop();
  await stack?.stop();
});

interface SentBody {
  query?: string;
  extensions?: { persistedQuery?: { sha256Hash: string } };
}

/** Apollo Client over `url`, recording every body it sends and every answer it gets. */
function recordingClient(url: string) {
  const sent: SentBody[] = [];
  const codes: unknown[][] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    sent.push(JSON.parse(String(init?.body)));
    const res = await fetch(input, init);
    const body = (await res.clone().json()) as { errors?: { extensions?: { code?: string } }[] };
    codes.push((body.errors ?? []).map((e) => e.extensions?.code));
    return res;
  };
  const client = new ApolloClient({
    cache: new InMemoryCache(),
    link: ApolloLink.from([
      new PersistedQueryLink({ sha256 }),
      new HttpLink({ uri: url, fetch: recordingFetch }),
    ]),
  });
  return { client, sent, codes };
}

const HOTELS = gql`
  query ApqHotels($city: String!) {
    searchHotels(input: { city: $city }, first: 3) { totalCount edges { node { id name } } }
  }
`;
const hashOnly = (body: SentBody) =>
  body.query === undefined && typeof body.extensions?.persistedQuery?.sha256Hash === 'string';

describe('APQ with Apollo Client 4', () => {
  it('registers once, then sends only the hash — on every router instance sharing Redis', async () => {
    const first = recordingClient(stack.url);
    const run = (c: ReturnType<typeof recordingClient>) =>
      c.client.query({ query: HOTELS, variables: { city: 'Lisbon' }, fetchPolicy: 'no-cache' });

    const registered = await run(first);
    const data = registered.data as { searchHotels: { edges: unknown[] } } | undefined;
    expect(data?.searchHotels.edges.length).toBeGreaterThan(0);
    // Hash only → PERSISTED_QUERY_NOT_FOUND → the link retries with the query.
    expect(first.sent.map(hashOnly)).toEqual([true, false]);
    expect(first.sent[1]?.query).toContain('ApqHotels');
    expect(first.codes).toEqual([['PERSISTED_QUERY_NOT_FOUND'], []]);

    const again = await run(first);
    expect(again.data).toEqual(registered.data);
    expect(first.sent.map(hashOnly)).toEqual([true, false, true]);

    // Another instance: the hash registered on the first is in Redis, one request suffices.
    const other = recordingClient(second.url);
    expect((await run(other)).data).toEqual(registered.data);
    expect(other.sent.map(hashOnly)).toEqual([true]);
    expect(other.codes).toEqual([[]]);

    const hash = first.sent[0]?.extensions?.persistedQuery?.sha256Hash;
    const key = `${stack.redisKeyPrefix}apq:${hash}`;
    expect(await redis.get(key)).toBe(first.sent[1]?.query);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(86_000);
    expect(ttl).toBeLessThanOrEqual(86_400);
  });
});

describe('APQ over HTTP', () => {
  const HOTEL = 'query ApqHotel($id: ID!) { hotel(id: $id) { id name city } }';

  it('serves a GET with the hash and variables with the Cache-Control the policy allows', async () => {
    const search = await post(stack.url, {
      query: '{ searchHotels(input: {}, first: 1) { edges { node { id } } } }',
    });
    const id = search.body.data.searchHotels.edges[0].node.id;
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(HOTEL) } };
    const registered = await post(stack.url, { query: HOTEL, variables: { id }, extensions });
    expect(registered.body.errors).toBeUndefined();

    const params = new URLSearchParams({
      extensions: JSON.stringify(extensions),
      variables: JSON.stringify({ id }),
    });
    const res = await fetch(`${second.url}?${params}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(registered.body);
    // Hotel is catalogue data (@cacheControl maxAge 300, public): a CDN may keep the GET.
    expect(res.headers.get('cache-control')).toMatch(/^max-age=([1-9]\d*), public$/);
  });

  it('refuses a hash that is not the hash of the query sent with it (no hijacking)', async () => {
    const legit = '{ searchHotels(input: { city: "Porto" }, first: 1) { totalCount } }';
    const evil = '{ searchHotels(input: { city: "Rome" }, first: 1) { totalCount } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(legit) } };
    const legitAnswer = await post(stack.url, { query: legit, extensions });
    expect(legitAnswer.body.errors).toBeUndefined();

    const hijack = await post(stack.url, { query: evil, extensions });
    expect(hijack.status).toBe(400);
    expect(hijack.body.errors[0].message).toBe('provided sha does not match query');
    expect(hijack.body.data).toBeUndefined();

    // The hash still runs the legit text, on both instances.
    for (const url of [stack.url, second.url]) {
      expect((await post(url, { extensions })).body).toEqual(legitAnswer.body);
    }
  });

  it.each([
    ['single node', 'redis://127.0.0.1:1'],
    ['cluster', 'redis+cluster://127.0.0.1:1'],
  ])('treats Redis (%s) being down as a miss, never as an error', async (_name, url) => {
    const cut = await stack.startRouter({ REDIS_URL: url });
    try {
      const query = '{ searchHotels(input: { city: "Milan" }, first: 1) { totalCount } }';
      const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
      const miss = await post(cut.url, { extensions });
      expect(miss.status).toBe(200);
      expect(miss.body.errors.map((e: any) => e.extensions.code)).toEqual([
        'PERSISTED_QUERY_NOT_FOUND',
      ]);
      const full = await post(cut.url, { query, extensions });
      expect(full.status).toBe(200);
      expect(full.body.data.searchHotels.totalCount).toBeGreaterThan(0);
    } finally {
      await cut.stop();
    }
  });
});
