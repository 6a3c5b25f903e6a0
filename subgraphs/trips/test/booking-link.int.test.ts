import { randomUUID } from 'node:crypto';
import type { Db as BookingsDb } from '@travel/bookings';
import type { SubgraphForTest } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBooking, startBookings } from './bookings.ts';
import { ADD_ITEM, CREATE_TRIP, tripInput } from './operations.ts';
import { startTrips, type TripsHarness } from './trips.ts';

// trips asks the REAL bookings subgraph, with the caller's token, whose booking an id is.
const A = randomUUID();
const B = randomUUID();
const HOTEL_OWNER = randomUUID();
let bookings: SubgraphForTest<BookingsDb>;
let trips: TripsHarness;
let offline: TripsHarness;
let tokenA: string;

beforeAll(async () => {
  bookings = await startBookings();
  trips = await startTrips({ bookingsUrl: bookings.url });
  offline = await startTrips({ databaseUrl: trips.databaseUrl }); // its BOOKINGS_URL is a closed port
  tokenA = await trips.tokenFor('TRAVELER', A);
});

afterAll(async () => {
  await offline?.stop();
  await Promise.all([trips?.stop(), bookings?.stop()]);
});

async function tripOf(token: string) {
  const res = await trips.request<{ createTrip: { id: string } }>(
    CREATE_TRIP,
    { input: tripInput() },
    token,
  );
  return res.data?.createTrip.id ?? '';
}

const link = (server: TripsHarness, tripId: string, bookingId: string, token: string) =>
  server.request<{ addItineraryItem: { booking: { id: string } | null } }>(
    ADD_ITEM,
    { tripId, input: { kind: 'STAY', title: 'Hotel stay', bookingId } },
    token,
  );
const itemsOf = (tripId: string) => trips.db.itineraryItem.count({ where: { tripId } });
const notYours = {
  message: 'input.bookingId is not one of your bookings',
  extensions: { code: 'BAD_USER_INPUT', field: 'input.bookingId' },
};

describe('linking a booking to an item', () => {
  it("accepts the trip owner's own booking", async () => {
    const tripId = await tripOf(tokenA);
    const bookingId = await addBooking(bookings.db, A);
    const res = await link(trips, tripId, bookingId, tokenA);
    expect(res.errors).toBeUndefined();
    expect(res.data?.addItineraryItem.booking).toEqual({ id: bookingId });
    const stored = await trips.db.itineraryItem.findFirst({ where: { tripId } });
    expect(stored?.bookingId).toBe(bookingId);
  });

  it("refuses another guest's booking and stores nothing", async () => {
    const tripId = await tripOf(tokenA);
    const res = await link(trips, tripId, await addBooking(bookings.db, B), tokenA);
    expect(res.errors?.[0]).toMatchObject(notYours);
    expect(await itemsOf(tripId)).toBe(0);
  });

  it("refuses a booking the caller may see but is not the guest of (the hotel's owner)", async () => {
    const tokenOwner = await trips.tokenFor('PARTNER', HOTEL_OWNER);
    const tripId = await tripOf(tokenOwner);
    const bookingId = await addBooking(bookings.db, A, HOTEL_OWNER);
    const res = await link(trips, tripId, bookingId, tokenOwner);
    expect(res.errors?.[0]).toMatchObject(notYours);
    expect(await itemsOf(tripId)).toBe(0);
  });

  it('refuses an unknown booking id', async () => {
    const tripId = await tripOf(tokenA);
    const res = await link(trips, tripId, randomUUID(), tokenA);
    expect(res.errors?.[0]).toMatchObject(notYours);
    expect(await itemsOf(tripId)).toBe(0);
  });
});

describe('when bookings is unreachable', () => {
  it('answers SERVICE_UNAVAILABLE and stores nothing', async () => {
    const tripId = await tripOf(tokenA);
    const res = await link(offline, tripId, await addBooking(bookings.db, A), tokenA);
    expect(res.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.errors?.[0]?.message).toMatch(/bookings service is unavailable/);
    expect(await itemsOf(tripId)).toBe(0);
  });

  it('still adds items without a booking', async () => {
    const tripId = await tripOf(tokenA);
    const res = await offline.request(
      ADD_ITEM,
      { tripId, input: { kind: 'NOTE', title: 'no booking needed' } },
      tokenA,
    );
    expect(res.errors).toBeUndefined();
    expect(await itemsOf(tripId)).toBe(1);
  });
});
