import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, post } from './support/graphql.ts';
import { subgraphCalls } from './support/metrics.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { connect, subscribe } from './support/subscriber.ts';
import { type SignedInUser, signUp } from './support/users.ts';

let stack: TestStack;
let guest: SignedInUser;
beforeAll(async () => {
  stack = await startTestStack();
  guest = await signUp(stack.url, 'guest@cost.test');
});
afterAll(async () => {
  await stack?.stop();
});

// Issue 9's cost bomb: ~330 bytes, anonymous, its page sizes in variables.
const BOMB = /* GraphQL */ `
  query ($a: Int, $b: Int) {
    searchHotels(input: {}, first: $a) {
      edges { node { reviews(first: $b) { edges { node { rating author { name } } } } } }
    }
  }
`;
// HotelConnection + input 1 each, a × (edge + hotel + reviews + b × (edge + review + author))
const costOf = (a: number, b: number) => 2 + a * (3 + b * 3);

/** Runs `send` and counts what reached the subgraphs meanwhile: requests and SQL statements. */
async function counted<T>(send: () => Promise<T>) {
  stack.resetSql();
  const before = await subgraphCalls(stack.subgraphUrls);
  const result = await send();
  const calls = (await subgraphCalls(stack.subgraphUrls)) - before;
  const statements = Object.values(stack.sql).reduce((sum, list) => sum + list.length, 0);
  return { result, calls, statements };
}

describe('demand control: cost estimated with the variables, before any subgraph', () => {
  it('refuses the anonymous cost bomb with its estimate, calling no subgraph', async () => {
    const {
      result: res,
      calls,
      statements,
    } = await counted(() => post(stack.url, BOMB, { a: 100, b: 100 }));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [
        {
          message: `The operation's estimated cost ${costOf(100, 100)} is over the maximum of 10000`,
          extensions: {
            code: 'COST_ESTIMATED_TOO_EXPENSIVE',
            cost: { estimated: costOf(100, 100), max: 10_000 },
          },
        },
      ],
    });
    expect(calls).toBe(0);
    expect(statements).toBe(0);
  });

  it('refuses first: null as the largest page, not as free', async () => {
    const { result: res, calls } = await counted(() => post(stack.url, BOMB, { a: null, b: null }));
    expect(codes(res)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
    expect(res.body.errors?.[0]?.extensions?.cost).toEqual({
      estimated: costOf(100, 100),
      max: 10_000,
    });
    expect(calls).toBe(0);
  });

  it('serves the same query with small variables, and with none (the schema defaults)', async () => {
    const small = await counted(() => post(stack.url, BOMB, { a: 3, b: 2 }));
    expect(small.result.status).toBe(200);
    expect(small.result.body.errors).toBeUndefined();
    expect(small.result.body.data?.searchHotels.edges).toHaveLength(3);
    expect(small.calls).toBeGreaterThan(0);
    const defaults = await post(stack.url, BOMB);
    expect(defaults.status).toBe(200);
    expect(defaults.body.errors).toBeUndefined();
  });

  it('refuses the same selection over a WebSocket subscription, before authorizing it', async () => {
    // booking + guest + bookings, 100 × (edge + booking + hotel + reviews + 100 × 3)
    const query = /* GraphQL */ `
      subscription ($id: ID!, $a: Int, $b: Int) {
        bookingUpdated(id: $id) {
          guest { bookings(first: $a) { edges { node { hotel {
            reviews(first: $b) { edges { node { rating author { name } } } }
          } } } } }
        }
      }
    `;
    const conn = connect(stack.url, { authorization: guest.auth.authorization });
    try {
      const { result: failure, calls } = await counted(async () => {
        const sub = subscribe(conn.client, query, { id: 'b-unknown', a: 100, b: 100 });
        return sub.failure();
      });
      const estimated = 3 + 100 * (4 + 100 * 3);
      expect(failure).toEqual([
        {
          message: `The operation's estimated cost ${estimated} is over the maximum of 10000`,
          extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: { estimated, max: 10_000 } },
        },
      ]);
      // Refused before the field's authorization asked any subgraph about the booking.
      expect(calls).toBe(0);
      // The socket stays open for subscriptions within the limit.
      const small = subscribe(conn.client, query, { id: 'b-unknown', a: 1, b: 1 });
      expect(await small.failure()).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    } finally {
      await conn.dispose();
    }
  });
});

describe('page sizes capped in the subgraphs (defence in depth)', () => {
  const SEARCH = 'query ($first: Int) { searchHotels(input: {}, first: $first) { totalCount } }';
  const REVIEWS =
    'query ($id: ID!, $first: Int) { hotel(id: $id) { reviews(first: $first) { totalCount } } }';

  it('refuses first: 101 on a subgraph called directly, and serves 100', async () => {
    const hotels = stack.subgraphUrls.hotels;
    const refused = await post(hotels, SEARCH, { first: 101 });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.body.errors?.[0]?.message).toBe('first must be between 0 and 100');
    const served = await post(hotels, SEARCH, { first: 100 });
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data?.searchHotels.totalCount).toBeGreaterThan(0);

    const { data } = (
      await post(hotels, '{ searchHotels(input: {}, first: 1) { edges { node { id } } } }')
    ).body;
    const id = data?.searchHotels.edges[0].node.id;
    const reviews = await post(hotels, REVIEWS, { id, first: 101 });
    expect(codes(reviews)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses first: 101 through the router when the cost alone would allow it', async () => {
    // A connection's count without its edges is cheap: the subgraph's cap still holds.
    const res = await post(stack.url, SEARCH, { first: 101 });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const bookings = await post(
      stack.url,
      'query ($first: Int) { me { bookings(first: $first) { totalCount } } }',
      { first: 101 },
      guest.auth,
    );
    expect(codes(bookings)).toEqual(['BAD_USER_INPUT']);
  });
});
