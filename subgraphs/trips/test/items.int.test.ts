import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADD_ITEM, CREATE_TRIP, DELETE_TRIP, REMOVE_ITEM, TRIP, tripInput } from './operations.ts';
import { startTrips, type TripsHarness } from './trips.ts';

let trips: TripsHarness;
let token: string;

beforeAll(async () => {
  trips = await startTrips();
  token = await trips.tokenFor('TRAVELER');
});

afterAll(async () => {
  await trips?.stop();
});

async function createTrip(input = tripInput()) {
  const res = await trips.request<{ createTrip: { id: string } }>(CREATE_TRIP, { input }, token);
  expect(res.errors).toBeUndefined();
  return res.data?.createTrip.id ?? '';
}

async function addItem(tripId: string, input: Record<string, unknown>) {
  const res = await trips.request<{ addItineraryItem: { id: string } }>(
    ADD_ITEM,
    { tripId, input: { kind: 'ACTIVITY', ...input } },
    token,
  );
  expect(res.errors).toBeUndefined();
  return res.data?.addItineraryItem;
}

const countItems = async (tripId: string) =>
  Number(
    (
      await trips.db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM itinerary_items WHERE trip_id = ${tripId}::uuid`
    )[0]?.n,
  );

describe('itinerary items', () => {
  it('are ordered by startsAt, unscheduled last, then by creation', async () => {
    const tripId = await createTrip();
    const plan: [string, string | null][] = [
      ['unscheduled 1', null],
      ['day 3', '2027-04-03T09:00:00.000Z'],
      ['day 1', '2027-04-01T09:00:00.000Z'],
      ['unscheduled 2', null],
      ['day 2, first added', '2027-04-02T09:00:00+00:00'],
      ['day 2, added later', '2027-04-02T10:00:00+01:00'],
      ['unscheduled 3', null],
    ];
    for (const [title, startsAt] of plan) await addItem(tripId, { title, startsAt });
    const res = await trips.request<{ trip: { items: { title: string }[] } }>(
      TRIP,
      { id: tripId },
      token,
    );
    expect(res.data?.trip.items.map((item) => item.title)).toEqual([
      'day 1',
      'day 2, first added',
      'day 2, added later',
      'day 3',
      'unscheduled 1',
      'unscheduled 2',
      'unscheduled 3',
    ]);
  });

  it('written together (one timestamp) still come back in creation order', async () => {
    const tripId = await createTrip();
    const createdAt = new Date('2027-01-01T00:00:00.000Z');
    // Ids descending, so neither id nor createdAt could explain the order.
    const ids = ['ffffffff', 'eeeeeeee', 'dddddddd'].map((p) => `${p}-0000-4000-a000-000000000000`);
    await trips.db.itineraryItem.createMany({
      data: ids.map((id, n) => ({ id, tripId, kind: 'NOTE', title: `note ${n}`, createdAt })),
    });
    const res = await trips.request<{ trip: { items: { id: string }[] } }>(
      TRIP,
      { id: tripId },
      token,
    );
    expect(res.data?.trip.items.map((item) => item.id)).toEqual(ids);
  });

  it('store kind, notes and hotelId, and start without a booking', async () => {
    const tripId = await createTrip();
    const hotelId = randomUUID();
    const item = await addItem(tripId, {
      kind: 'STAY',
      title: 'Inn',
      notes: 'late check-in',
      hotelId,
    });
    expect(item).toMatchObject({
      kind: 'STAY',
      title: 'Inn',
      startsAt: null,
      notes: 'late check-in',
      booking: null,
      hotel: { id: hotelId },
    });
  });

  it('are removed by removeItineraryItem, once', async () => {
    const tripId = await createTrip();
    const item = await addItem(tripId, { title: 'Museum' });
    expect(await trips.request(REMOVE_ITEM, { id: item?.id }, token)).toEqual({
      data: { removeItineraryItem: true },
      // The router's response cache drops what showed the item (DESIGN decision 6).
      extensions: { invalidatedEntities: [`Trip:${tripId}`, `ItineraryItem:${item?.id}`] },
    });
    expect(await countItems(tripId)).toBe(0);
    const again = await trips.request(REMOVE_ITEM, { id: item?.id }, token);
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('go with their trip when it is deleted', async () => {
    const tripId = await createTrip();
    await addItem(tripId, { title: 'one' });
    await addItem(tripId, { title: 'two' });
    expect(await countItems(tripId)).toBe(2);
    expect(await trips.request(DELETE_TRIP, { id: tripId }, token)).toMatchObject({
      data: { deleteTrip: true },
      // …and the lists of trips it left.
      extensions: {
        invalidatedEntities: [`Trip:${tripId}`, expect.stringMatching(/^User:/), 'Trip[]'],
      },
    });
    expect(await countItems(tripId)).toBe(0);
    expect(await trips.db.trip.findUnique({ where: { id: tripId } })).toBeNull();
  });
});

describe('validation', () => {
  it.each([
    ['a blank title', { title: ' ' }, 'input.title'],
    ['a destination of 201 characters', { destination: 'd'.repeat(201) }, 'input.destination'],
    [
      'an end before the start',
      { startDate: '2027-04-05', endDate: '2027-04-04' },
      'input.endDate',
    ],
    ['367 days', { startDate: '2027-01-01', endDate: '2028-01-02' }, 'input.endDate'],
  ])(
    'createTrip refuses %s with BAD_USER_INPUT on %s, storing nothing',
    async (_label, bad, field) => {
      const before = await trips.db.trip.count();
      const res = await trips.request(CREATE_TRIP, { input: tripInput(bad) }, token);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await trips.db.trip.count()).toBe(before);
    },
  );

  it.each([
    [{ title: '' }, 'input.title'],
    [{ title: 't'.repeat(201) }, 'input.title'],
    [{ notes: 'n'.repeat(5001) }, 'input.notes'],
    [{ hotelId: 'hotel-7' }, 'input.hotelId'],
    [{ bookingId: 'booking-7' }, 'input.bookingId'],
  ])(
    'addItineraryItem refuses %o with BAD_USER_INPUT on %s and stores nothing',
    async (bad, field) => {
      const tripId = await createTrip();
      const input = { kind: 'NOTE', title: 'ok', ...bad };
      const res = await trips.request(ADD_ITEM, { tripId, input }, token);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await countItems(tripId)).toBe(0);
    },
  );

  it('refuses an impossible date before any resolver runs', async () => {
    const res = await trips.request(
      CREATE_TRIP,
      { input: tripInput({ endDate: '2027-02-30' }) },
      token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
