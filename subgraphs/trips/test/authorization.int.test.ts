import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADD_ITEM,
  CREATE_TRIP,
  DELETE_TRIP,
  ENTITIES,
  REMOVE_ITEM,
  TRIP,
  tripInput,
} from './operations.ts';
import { startTrips, type TripsHarness } from './trips.ts';

const A = randomUUID();
const B = randomUUID();
let trips: TripsHarness;
let tokenA: string;
let tokenB: string;
let tokenAdmin: string;
let tripB: string;
let itemB: string;

beforeAll(async () => {
  trips = await startTrips();
  [tokenA, tokenB, tokenAdmin] = await Promise.all([
    trips.tokenFor('TRAVELER', A),
    trips.tokenFor('TRAVELER', B),
    trips.tokenFor('ADMIN'),
  ]);
  const created = await trips.request<{ createTrip: { id: string } }>(
    CREATE_TRIP,
    { input: tripInput({ title: "B's trip" }) },
    tokenB,
  );
  tripB = created.data?.createTrip.id ?? '';
  const added = await trips.request<{ addItineraryItem: { id: string } }>(
    ADD_ITEM,
    { tripId: tripB, input: { kind: 'NOTE', title: "B's note" } },
    tokenB,
  );
  itemB = added.data?.addItineraryItem.id ?? '';
  expect([tripB, itemB]).not.toContain('');
});

afterAll(async () => {
  await trips?.stop();
});

const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  res.errors?.[0]?.extensions?.code;
const rowCounts = async () => ({
  trips: await trips.db.trip.count(),
  items: await trips.db.itineraryItem.count(),
});

describe("another user's trip", () => {
  it('is invisible to A: trip(id) and entity references answer null', async () => {
    const res = await trips.request(TRIP, { id: tripB }, tokenA);
    expect(res).toEqual({ data: { trip: null } });
    const representations = [
      { __typename: 'Trip', id: tripB },
      { __typename: 'ItineraryItem', id: itemB },
    ];
    const entities = await trips.request(ENTITIES, { representations }, tokenA);
    expect(entities).toEqual({ data: { _entities: [null, null] } });
  });

  it('is invisible to anonymous callers, and so are unknown and malformed ids', async () => {
    expect(await trips.request(TRIP, { id: tripB })).toEqual({ data: { trip: null } });
    for (const id of [randomUUID(), 'not-an-id']) {
      expect(await trips.request(TRIP, { id }, tokenB)).toEqual({ data: { trip: null } });
    }
  });

  it('is visible to its owner and to an ADMIN', async () => {
    for (const token of [tokenB, tokenAdmin]) {
      const res = await trips.request<{ trip: { owner: { id: string }; items: unknown[] } }>(
        TRIP,
        { id: tripB },
        token,
      );
      expect(res.data?.trip).toMatchObject({ id: tripB, owner: { id: B }, items: [{ id: itemB }] });
    }
  });

  it('can not be changed by A, who gets NOT_FOUND as for an unknown trip; nothing changes', async () => {
    const before = await rowCounts();
    const attempts = [
      await trips.request(ADD_ITEM, { tripId: tripB, input: { kind: 'NOTE', title: 'x' } }, tokenA),
      await trips.request(REMOVE_ITEM, { id: itemB }, tokenA),
      await trips.request(DELETE_TRIP, { id: tripB }, tokenA),
      await trips.request(DELETE_TRIP, { id: randomUUID() }, tokenA),
      await trips.request(DELETE_TRIP, { id: 'malformed' }, tokenA),
    ];
    expect(attempts.map(codeOf)).toEqual(Array(5).fill('NOT_FOUND'));
    expect(attempts.every((res) => res.data === null)).toBe(true);
    expect(await rowCounts()).toEqual(before);
  });

  it('can be seen but not changed by an ADMIN (FORBIDDEN)', async () => {
    const before = await rowCounts();
    const attempts = [
      await trips.request(
        ADD_ITEM,
        { tripId: tripB, input: { kind: 'NOTE', title: 'x' } },
        tokenAdmin,
      ),
      await trips.request(REMOVE_ITEM, { id: itemB }, tokenAdmin),
      await trips.request(DELETE_TRIP, { id: tripB }, tokenAdmin),
    ];
    expect(attempts.map(codeOf)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(await rowCounts()).toEqual(before);
  });

  it('can not be changed anonymously (UNAUTHENTICATED)', async () => {
    const res = await trips.request(DELETE_TRIP, { id: tripB });
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect(codeOf(await trips.request(CREATE_TRIP, { input: tripInput() }))).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('User.trips', () => {
  const userTrips = (id: string, token?: string) =>
    trips.request<{ _entities: ({ trips: { id: string }[] } | null)[] }>(
      ENTITIES,
      { representations: [{ __typename: 'User', id }] },
      token,
    );

  it('is FORBIDDEN to another signed-in user', async () => {
    const res = await userTrips(B, tokenA);
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.path).toEqual(['_entities', 0, 'trips']);
    expect(res.data?._entities).toEqual([null]);
  });

  it('is UNAUTHENTICATED to an anonymous caller', async () => {
    expect(codeOf(await userTrips(B))).toBe('UNAUTHENTICATED');
  });

  it('lists the trips to the user and to an ADMIN', async () => {
    for (const token of [tokenB, tokenAdmin]) {
      const res = await userTrips(B, token);
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities[0]?.trips.map((trip) => trip.id)).toEqual([tripB]);
    }
    const own = await userTrips(A, tokenA);
    expect(own.data?._entities).toEqual([{ id: A, trips: [] }]);
  });
});
