import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookingsHarness, startBookings } from './bookings-harness.ts';
import { ADD_ITEM, CREATE_TRIP, tripInput } from './operations.ts';
import { startTrips, type TripsHarness } from './trips-harness.ts';

// trips asks the REAL bookings subgraph, with the caller's token, whose booking an id is.
const A = randomUUID();
const B = randomUUID();
const HOTEL_OWNER = randomUUID();
let tripsDb: TestDatabase;
let bookingsDb: TestDatabase;
let bookings: BookingsHarness;
let trips: TripsHarness;
let offline: TripsHarness;
let tokenA: string;

beforeAll(async () => {
  [tripsDb, bookingsDb] = await Promise.all([
    createTestDatabase('trips'),
    createTestDatabase('bookings'),
  ]);
  bookings = await startBookings(bookingsDb.url);
  trips = await startTrips(tripsDb.url, bookings.url);
  offline = await startTrips(tripsDb.url); // its BOOKINGS_URL is a closed port
  tokenA = await trips.tokenFor('TRAVELER', A);
});

afterAll(async () => {
  await Promise.all([trips?.close(), offline?.close(), bookings?.close()]);
  await Promise.all([tripsDb?.drop(), bookingsDb?.drop()]);
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
    const bookingId = await bookings.addBooking(A);
    const res = await link(trips, tripId, bookingId, tokenA);
    expect(res.errors).toBeUndefined();
    expect(res.data?.addItineraryItem.booking).toEqual({ id: bookingId });
    const stored = await trips.db.itineraryItem.findFirst({ where: { tripId } });
    expect(stored?.bookingId).toBe(bookingId);
  });

  it("refuses another guest's booking and stores nothing", async () => {
    const tripId = await tripOf(tokenA);
    const res = await link(trips, tripId, await bookings.addBooking(B), tokenA);
    expect(res.errors?.[0]).toMatchObject(notYours);
    expect(await itemsOf(tripId)).toBe(0);
  });

  it("refuses a booking the caller may see but is not the guest of (the hotel's owner)", async () => {
    const tokenOwner = await trips.tokenFor('PARTNER', HOTEL_OWNER);
    const tripId = await tripOf(tokenOwner);
    const bookingId = await bookings.addBooking(A, HOTEL_OWNER);
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
    const res = await link(offline, tripId, await bookings.addBooking(A), tokenA);
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
