import { readFileSync } from 'node:fs';
import { buildDemoData, DEMO_ACCOUNTS, DEMO_PASSWORD, type SubgraphName } from '@travel/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The README's signed-in query, as `pnpm bench` sends it.
import { SIGNED_IN } from '../../bench/src/gateways/workloads.ts';
import { post } from './support/graphql.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { logIn, type SignedInUser } from './support/users.ts';

let stack: TestStack;
let traveler: SignedInUser;
beforeAll(async () => {
  stack = await startTestStack({ seed: true });
  traveler = await logIn(stack.url, DEMO_ACCOUNTS.traveler, DEMO_PASSWORD);
});
afterAll(async () => {
  await stack?.stop();
});

/**
 * What commit 364f2e8 (before the subgraphs' CPU work) sent for this query, per subgraph:
 * counted by running this file's first test on a checkout of that commit. Accounts reads the
 * viewer, bookings a page and its count, hotels the hotels and the room types, trips the
 * trips and their items.
 */
const BEFORE: Record<SubgraphName, number> = { accounts: 1, hotels: 2, bookings: 2, trips: 2 };

interface MyTravel {
  me: { bookings: { totalCount: number; edges: unknown[] }; trips: { items: unknown[] }[] };
}

/** The statements each subgraph sent for one signed-in query showing `first` bookings. */
async function statementsFor(first: number) {
  stack.resetSql();
  const res = await post<MyTravel>(stack.url, SIGNED_IN, { first }, traveler.auth);
  expect(res.body.errors).toBeUndefined();
  const counts = Object.fromEntries(
    Object.entries(stack.sql).map(([name, statements]) => [name, statements.length]),
  ) as Record<SubgraphName, number>;
  return { counts, me: res.body.data?.me };
}

describe("the signed-in query's SQL", () => {
  it('sends no more statements per subgraph than before', async () => {
    const { counts, me } = await statementsFor(10);
    expect(me?.bookings.edges).toHaveLength(10);
    for (const [name, before] of Object.entries(BEFORE)) {
      expect(counts[name as SubgraphName], name).toBeGreaterThan(0);
      expect(counts[name as SubgraphName], name).toBeLessThanOrEqual(before);
    }
    // The page carries its guest's total: totalCount sends no statement of its own.
    expect(counts.bookings).toBe(1);
  });

  it('sends as many statements for one booking as for ten (DESIGN decision 2)', async () => {
    // Other variables than the test above: the router's response cache can not answer.
    const one = await statementsFor(1);
    const ten = await statementsFor(9);
    expect(one.me?.bookings.edges).toHaveLength(1);
    expect(ten.me?.bookings.edges).toHaveLength(9);
    expect(ten.counts).toEqual(one.counts);
  });
});

// The partner operation, as the persisted-query manifest holds it (the gateway bench sends it).
const PARTNER_HOTEL_DETAILS = readFileSync(
  new URL('../../schema/operations/partner/hotel-details.graphql', import.meta.url),
  'utf8',
);

describe("the partner operation's SQL", () => {
  it('reads the hotel page in one statement, availability in one', async () => {
    const hotel = buildDemoData().hotels[0];
    stack.resetSql();
    const res = await post<{ hotel: { roomTypes: { availableRooms: number }[] } }>(
      stack.url,
      PARTNER_HOTEL_DETAILS,
      { id: hotel?.id, checkIn: '2026-12-10', checkOut: '2026-12-13' },
      traveler.auth,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.hotel.roomTypes.length).toBeGreaterThan(0);
    // hotels: the hotel with its rating and room types (was three); bookings: the peaks.
    expect(stack.sql.hotels).toHaveLength(1);
    expect(stack.sql.bookings).toHaveLength(1);
  });
});
