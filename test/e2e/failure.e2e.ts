import { beforeAll, describe, expect, it } from 'vitest';
import { bookingFixtureForFile } from './support/booking-fixture.ts';
import {
  type Booking,
  book,
  dataOf,
  day,
  READ_BOOKING,
  requestBooking,
} from './support/bookings.ts';
import { queryDatabase } from './support/database.ts';
import { codes, post } from './support/graphql.ts';

// A stack of its own: this file stops a subgraph.
const fixture = bookingFixtureForFile('failure.test', 4, 'Soon Unreachable Hotel');
let booked: Booking;
let tripId: string;

beforeAll(async () => {
  booked = await book(fixture().stack.url, fixture().guest, {
    roomTypeId: fixture().roomType.roomTypeId,
    checkIn: day(5),
    checkOut: day(7),
  });
  const trip = await post<{ createTrip: { id: string } }>(
    fixture().stack.url,
    'mutation ($input: CreateTripInput!) { createTrip(input: $input) { id } }',
    {
      input: { title: 'Still planned', destination: 'Lisbon', startDate: day(5), endDate: day(7) },
    },
    fixture().guest.auth,
  );
  tripId = dataOf(trip).createTrip.id;
  await fixture().stack.stopSubgraph('hotels');
});

const countBookings = async () =>
  (
    await queryDatabase<{ n: number }>(
      fixture().stack.databaseUrls.bookings,
      'SELECT count(*)::int AS n FROM bookings',
    )
  )[0]?.n;

describe('with the hotels subgraph down', () => {
  it('createBooking fails within 3 s with SERVICE_UNAVAILABLE and stores nothing', async () => {
    expect(await countBookings()).toBe(1);
    // Enough attempts to open the bookings subgraph's circuit: before and after, the same answer.
    for (let attempt = 0; attempt < 6; attempt++) {
      const started = performance.now();
      const res = await requestBooking(fixture().stack.url, fixture().guest, {
        roomTypeId: fixture().roomType.roomTypeId,
        checkIn: day(10),
        checkOut: day(12),
      });
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(3000);
      expect(codes(res)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(res.body.errors?.[0]?.message).toMatch(/hotels service is unavailable/);
      expect(res.body.data ?? null).toBeNull();
    }
    expect(await countBookings()).toBe(1);
  });

  it('the rest of the graph keeps answering: accounts, trips and bookings', async () => {
    const me = await post(fixture().stack.url, '{ me { id name } }', {}, fixture().guest.auth);
    expect(dataOf(me).me).toEqual({ id: fixture().guest.id, name: 'E2E guest' });

    const trip = await post(
      fixture().stack.url,
      'query ($id: ID!) { trip(id: $id) { id title } }',
      { id: tripId },
      fixture().guest.auth,
    );
    expect(dataOf(trip).trip).toEqual({ id: tripId, title: 'Still planned' });

    const booking = await post(
      fixture().stack.url,
      READ_BOOKING,
      { id: booked.id },
      fixture().guest.auth,
    );
    expect(dataOf(booking).booking).toMatchObject({ id: booked.id, status: 'PENDING' });
  });

  it('a query that also needs hotels gets SERVICE_UNAVAILABLE for that part, the rest answered', async () => {
    const query = /* GraphQL */ `
      query ($id: ID!) { me { id name } booking(id: $id) { id status hotel { name } } }
    `;
    const res = await post(fixture().stack.url, query, { id: booked.id }, fixture().guest.auth);
    expect(res.status).toBe(200);
    expect(res.body.data?.me).toEqual({ id: fixture().guest.id, name: 'E2E guest' });
    // Booking.hotel is non-null: without hotels, the booking as a whole is null.
    expect(res.body.data?.booking).toBeNull();
    expect(codes(res)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(res.body.errors?.[0]?.message).toBe('The hotels service is unavailable');
    // Internal hosts and ports of the failed call are not revealed.
    expect(JSON.stringify(res.body.errors)).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|4002/);
  });
});
