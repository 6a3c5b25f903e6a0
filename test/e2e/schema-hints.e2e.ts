// No "Did you mean …?" in production, on every path an error reaches a client (DESIGN §10).
import { readFileSync } from 'node:fs';
import type { GraphQLHttpResponse } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, send } from './support/graphql.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { connect, subscribe } from './support/subscriber.ts';

const manifest = JSON.parse(
  readFileSync(new URL('../../schema/persisted-queries/partner.json', import.meta.url), 'utf8'),
) as { operations: { id: string; name: string }[] };
const SEARCH_ID = manifest.operations.find((o) => o.name === 'PartnerSearchHotels')?.id;

let stack: TestStack;
let development: { url: string; stop(): Promise<void> };
beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  development = await stack.startRouter({ NODE_ENV: 'development' });
});
afterAll(async () => {
  await development?.stop();
  await stack?.stop();
});

type Request = (url: string) => Promise<GraphQLHttpResponse<any>>;
const postOf =
  (query: string, variables: Record<string, unknown> = {}): Request =>
  (url) =>
    post(url, query, variables);

// Every way a request can carry a near-miss of a schema name, over HTTP.
const HTTP: [string, Request][] = [
  ['an unknown field (validation)', postOf('{ searchHotel(input: {}) { totalCount } }')],
  ['an unknown argument', postOf('{ searchHotels(input: {}, firts: 1) { totalCount } }')],
  [
    'an enum value typo in the document',
    postOf('{ me { bookings(status: CONFIRMD) { totalCount } } }'),
  ],
  [
    'an input field typo in the document',
    postOf('{ searchHotels(input: { cty: "Lisbon" }) { totalCount } }'),
  ],
  [
    'an unknown type of a variable',
    postOf('query ($i: HotelSearchInpt!) { searchHotels(input: $i) { totalCount } }'),
  ],
  ['a fragment on an unknown type', postOf('{ ...F } fragment F on Qury { __typename }')],
  [
    'an enum value typo in a variable (coercion)',
    postOf('query ($s: BookingStatus) { me { bookings(status: $s) { totalCount } } }', {
      s: 'CONFIRMD',
    }),
  ],
  [
    'an input field typo in a variable object (coercion)',
    postOf('query ($i: HotelSearchInput!) { searchHotels(input: $i) { totalCount } }', {
      i: { cty: 'Lisbon' },
    }),
  ],
  [
    "a listed operation's variables (by documentId)",
    (url) =>
      send(
        url,
        JSON.stringify({ documentId: `sha256:${SEARCH_ID}`, variables: { input: { cty: 'x' } } }),
      ),
  ],
  [
    'variables of a GET request',
    async (url) => {
      const search = new URLSearchParams({
        query: 'query ($s: BookingStatus) { me { bookings(status: $s) { totalCount } } }',
        variables: JSON.stringify({ s: 'CONFIRMD' }),
      });
      const res = await fetch(`${url}?${search}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      return { status: res.status, headers: res.headers, body: await res.json() };
    },
  ],
];

// The same over graphql-ws: validation and variable coercion of a subscribe message.
const SUBSCRIBE: [string, string, Record<string, unknown>][] = [
  ['an unknown field', 'subscription { bookingUpdatd(id: "1") { id } }', {}],
  ['an unknown argument', 'subscription { bookingUpdated(idd: "1") { id } }', {}],
  [
    'an enum value typo in the document',
    'subscription { bookingUpdated(id: "1") { guest { bookings(status: CONFIRMD) { totalCount } } } }',
    {},
  ],
  [
    'an unknown type of a variable',
    'subscription ($s: BookingStatu) { bookingUpdated(id: "1") { guest { bookings(status: $s) { totalCount } } } }',
    {},
  ],
  [
    'an enum value typo in a variable (coercion)',
    'subscription ($s: BookingStatus) { bookingUpdated(id: "1") { guest { bookings(status: $s) { totalCount } } } }',
    { s: 'CONFIRMD' },
  ],
];

const messagesOf = (res: GraphQLHttpResponse) => (res.body.errors ?? []).map((e) => e.message);

async function subscribeErrors(url: string, query: string, variables: Record<string, unknown>) {
  const conn = connect(url);
  try {
    const failure = (await subscribe(conn.client, query, variables).failure()) as {
      message: string;
    }[];
    return failure.map((e) => e.message);
  } finally {
    await conn.dispose();
  }
}

describe('over HTTP', () => {
  it.each(HTTP)('%s: no hint in production, a hint in development', async (_name, request) => {
    const production = messagesOf(await request(stack.url));
    expect(production.length).toBeGreaterThan(0);
    for (const message of production) expect(message).not.toContain('Did you mean');
    expect(messagesOf(await request(development.url)).join('\n')).toContain('Did you mean');
  });
});

describe('over WebSocket', () => {
  it.each(SUBSCRIBE)(
    '%s: no hint in production, a hint in development',
    async (_n, query, vars) => {
      const production = await subscribeErrors(stack.url, query, vars);
      expect(production.length).toBeGreaterThan(0);
      for (const message of production) expect(message).not.toContain('Did you mean');
      expect((await subscribeErrors(development.url, query, vars)).join('\n')).toContain(
        'Did you mean',
      );
    },
  );
});
