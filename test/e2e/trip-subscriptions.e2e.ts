import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, day } from './support/bookings.ts';
import { post } from './support/graphql.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { connect, subscribe, waitForGauge } from './support/subscriber.ts';
import { type SignedInUser, signUp } from './support/users.ts';

// tripUpdated is declared in the trips subgraph with its @follows binding and published with
// ctx.changed: the router serves it with no code of its own (embedded mode: in-process events).

let stack: TestStack;
let owner: SignedInUser;
let stranger: SignedInUser;
let tripId: string;

const CREATE_TRIP = 'mutation ($input: CreateTripInput!) { createTrip(input: $input) { id } }';
const ADD_ITEM = /* GraphQL */ `
  mutation ($tripId: ID!, $input: ItineraryItemInput!) {
    addItineraryItem(tripId: $tripId, input: $input) { id }
  }
`;
const REMOVE_ITEM = 'mutation ($id: ID!) { removeItineraryItem(id: $id) }';
const TRIP_UPDATED = /* GraphQL */ `
  subscription ($id: ID!) { tripUpdated(id: $id) { id title items { title } owner { name } } }
`;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  [owner, stranger] = await Promise.all([
    signUp(stack.url, 'owner@trips-subs.test'),
    signUp(stack.url, 'stranger@trips-subs.test'),
  ]);
  const input = { title: 'Lisbon', destination: 'Lisbon', startDate: day(10), endDate: day(14) };
  tripId = dataOf(
    await post<{ createTrip: { id: string } }>(stack.url, CREATE_TRIP, { input }, owner.auth),
  ).createTrip.id;
});
afterAll(async () => {
  await stack?.stop();
});

describe('tripUpdated through the router', () => {
  it("tells the owner about every change of the trip's itinerary, in order", async () => {
    const conn = connect(stack.url, { authorization: owner.auth.authorization });
    const updates = subscribe(conn.client, TRIP_UPDATED, { id: tripId });
    await waitForGauge(stack.url, 'graphql_subscriptions_active', 1);

    const item = { kind: 'ACTIVITY', title: 'Tram 28' };
    const added = dataOf(
      await post<{ addItineraryItem: { id: string } }>(
        stack.url,
        ADD_ITEM,
        { tripId, input: item },
        owner.auth,
      ),
    ).addItineraryItem;
    dataOf(await post(stack.url, REMOVE_ITEM, { id: added.id }, owner.auth));

    const trip = { id: tripId, title: 'Lisbon', owner: { name: 'E2E owner' } };
    expect(await updates.result(1)).toEqual({
      data: { tripUpdated: { ...trip, items: [{ title: 'Tram 28' }] } },
    });
    expect(await updates.result(2)).toEqual({ data: { tripUpdated: { ...trip, items: [] } } });
    expect(updates.error).toBeUndefined();
    await conn.dispose();
    await waitForGauge(stack.url, 'graphql_subscriptions_active', 0);
  });

  it("refuses someone else's trip and an unknown id alike, with FORBIDDEN", async () => {
    const conn = connect(stack.url, { authorization: stranger.auth.authorization });
    const theirs = subscribe(conn.client, TRIP_UPDATED, { id: tripId });
    expect(await theirs.failure()).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    const unknown = subscribe(conn.client, TRIP_UPDATED, { id: randomUUID() });
    expect(await unknown.failure()).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    expect(theirs.results).toEqual([]);
    await conn.dispose();
  });

  it('answers an anonymous subscriber with UNAUTHENTICATED', async () => {
    const conn = connect(stack.url);
    const anonymous = subscribe(conn.client, TRIP_UPDATED, { id: tripId });
    expect(await anonymous.failure()).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    await conn.dispose();
  });
});
