import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from './operations.ts';
import { startTrips, type TripsHarness } from './trips.ts';

const USER_TRIPS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on User { trips { id items { id } } } }
}`;
const OWNERS = Array.from({ length: 10 }, () => randomUUID());
let trips: TripsHarness;
let admin: string;
let tripIds: string[];
let itemIds: string[];

beforeAll(async () => {
  trips = await startTrips();
  admin = await trips.tokenFor('ADMIN');
  // 50 trips of 10 owners, three items each: one linked to a booking, one to a hotel.
  const rows = Array.from({ length: 50 }, (_, i) => ({
    id: randomUUID(),
    ownerId: OWNERS[i % OWNERS.length] ?? '',
    title: `trip ${i}`,
    destination: 'Porto',
    startDate: new Date(Date.UTC(2027, 0, 1 + i)),
    endDate: new Date(Date.UTC(2027, 0, 3 + i)),
  }));
  const items = rows.flatMap((trip) => [
    {
      id: randomUUID(),
      tripId: trip.id,
      kind: 'STAY' as const,
      title: 'stay',
      bookingId: randomUUID(),
    },
    {
      id: randomUUID(),
      tripId: trip.id,
      kind: 'ACTIVITY' as const,
      title: 'tour',
      hotelId: randomUUID(),
    },
    { id: randomUUID(), tripId: trip.id, kind: 'NOTE' as const, title: 'note' },
  ]);
  await trips.db.trip.createMany({ data: rows });
  await trips.db.itineraryItem.createMany({ data: items });
  tripIds = rows.map((trip) => trip.id);
  itemIds = items.map((item) => item.id);
});

afterAll(async () => {
  await trips?.stop();
});

type Entity = { id: string; items?: unknown[]; trips?: unknown[] } | null;

async function entities(typename: string, ids: string[], token = admin) {
  trips.resetSql();
  const representations = ids.map((id) => ({ __typename: typename, id }));
  const res = await trips.request<{ _entities: Entity[] }>(ENTITIES, { representations }, token);
  expect(res.errors).toBeUndefined();
  return { entities: res.data?._entities ?? [], statements: trips.sql.length };
}

describe('_entities batching', () => {
  it('resolves 50 trips with their items in two statements, as it does 2 trips', async () => {
    const few = await entities('Trip', tripIds.slice(0, 2));
    const many = await entities('Trip', tripIds);
    expect(many.entities).toHaveLength(50);
    expect(many.entities.every((trip) => trip?.items?.length === 3)).toBe(true);
    expect(many.entities.map((trip) => trip?.id)).toEqual(tripIds);
    expect(few.statements).toBe(2);
    expect(many.statements).toBe(few.statements);
  });

  it('resolves 150 items, checking their trips, in two statements', async () => {
    const { entities: items, statements } = await entities('ItineraryItem', itemIds);
    expect(items.map((item) => item?.id)).toEqual(itemIds);
    expect(statements).toBe(2);
  });

  it("resolves 10 users' trips and those trips' items in two statements", async () => {
    trips.resetSql();
    const representations = OWNERS.map((id) => ({ __typename: 'User', id }));
    const res = await trips.request<{ _entities: { trips: { items: unknown[] }[] }[] }>(
      USER_TRIPS,
      { representations },
      admin,
    );
    expect(res.errors).toBeUndefined();
    const users = res.data?._entities ?? [];
    expect(users.map((user) => user.trips.length)).toEqual(Array(10).fill(5));
    expect(users.flatMap((user) => user.trips).every((trip) => trip.items.length === 3)).toBe(true);
    expect(trips.sql).toHaveLength(2);
  });

  it('answers null for the trips a viewer may not see, and sends no SQL for malformed ids', async () => {
    const owner = OWNERS[0] ?? '';
    const token = await trips.tokenFor('TRAVELER', owner);
    const { entities: seen } = await entities('Trip', tripIds.slice(0, 3), token);
    expect(seen.map((trip) => trip?.id ?? null)).toEqual([tripIds[0], null, null]);
    const malformed = await entities('Trip', ['nope', '42'], token);
    expect(malformed).toEqual({ entities: [null, null], statements: 0 });
  });
});
