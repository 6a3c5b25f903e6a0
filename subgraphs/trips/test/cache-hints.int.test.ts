import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADD_ITEM, CREATE_TRIP, tripInput } from './operations.ts';
import { startTrips, type TripsHarness } from './trips.ts';

// The gateway merges these headers into the operation's policy: trips data must be cacheable
// per user (PRIVATE), and the references to other subgraphs' entities must not spoil that.
const TRIP_WITH_REFERENCES = `query ($id: ID!) {
  trip(id: $id) { id owner { id } items { id booking { id } hotel { id } } }
}`;
const USER_TRIPS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on User { trips { id items { id } } } }
}`;

let trips: TripsHarness;

beforeAll(async () => {
  trips = await startTrips();
});

afterAll(async () => {
  await trips?.stop();
});

it('marks trips, their items and references private for 30 s', async () => {
  const userId = '0193a0b2-0000-7000-8000-0000000000c1';
  const token = await trips.tokenFor('TRAVELER', userId);
  const created = await trips.request<{ createTrip: { id: string } }>(
    CREATE_TRIP,
    { input: tripInput() },
    token,
  );
  const id = created.data?.createTrip.id;
  const hotelId = '0193a0b2-0000-7000-8000-0000000000c2';
  await trips.request(
    ADD_ITEM,
    { tripId: id, input: { kind: 'STAY', title: 'x', hotelId } },
    token,
  );

  const trip = await trips.send(TRIP_WITH_REFERENCES, { id }, token);
  expect(trip.headers.get('cache-control')).toBe('max-age=30, private');
  const representations = [{ __typename: 'User', id: userId }];
  const users = await trips.send(USER_TRIPS, { representations }, token);
  expect(users.headers.get('cache-control')).toBe('max-age=30, private');
});
