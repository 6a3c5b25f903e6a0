import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Booking,
  book,
  createRoomType,
  dataOf,
  day,
  type PartnerRoomType,
  READ_BOOKING,
  requestBooking,
} from './support/bookings.ts';
import { queryDatabase } from './support/database.ts';
import { codes, post } from './support/graphql.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { type SignedInUser, signUp } from './support/users.ts';

// A stack of its own: this file stops a subgraph.
let stack: TestStack;
let guest: SignedInUser;
let roomType: PartnerRoomType;
let booked: Booking;
let tripId: string;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  const partner = await signUp(stack.url, 'partner@failure.test', 'PARTNER');
  guest = await signUp(stack.url, 'guest@failure.test');
  roomType = await createRoomType(stack.url, partner, 4, 'Soon Unreachable Hotel');
  booked = await book(stack.url, guest, {
    roomTypeId: roomType.roomTypeId,
    checkIn: day(5),
    checkOut: day(7),
  });
  const trip = await post<{ createTrip: { id: string } }>(
    stack.url,
    'mutation ($input: CreateTripInput!) { createTrip(input: $input) { id } }',
    {
      input: { title: 'Still planned', destination: 'Lisbon', startDate: day(5), endDate: day(7) },
    },
    guest.auth,
  );
  tripId = dataOf(trip).createTrip.id;
  await stack.stopSubgraph('hotels');
});
afterAll(async () => {
  await stack?.stop();
});

const countBookings = async () =>
  (
    await queryDatabase<{ n: number }>(
      stack.databaseUrls.bookings,
      'SELECT count(*)::int AS n FROM bookings',
    )
  )[0]?.n;

describe('with the hotels subgraph down', () => {
  it('createBooking fails within 3 s with SERVICE_UNAVAILABLE and stores nothing', async () => {
    expect(await countBookings()).toBe(1);
    // Enough attempts to open the bookings subgraph's circuit: before and after, the same answer.
    for (let attempt = 0; attempt < 6; attempt++) {
      const started = performance.now();
      const res = await requestBooking(stack.url, guest, {
        roomTypeId: roomType.roomTypeId,
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
    const me = await post(stack.url, '{ me { id name } }', {}, guest.auth);
    expect(dataOf(me).me).toEqual({ id: guest.id, name: 'E2E guest' });

    const trip = await post(
      stack.url,
      'query ($id: ID!) { trip(id: $id) { id title } }',
      { id: tripId },
      guest.auth,
    );
    expect(dataOf(trip).trip).toEqual({ id: tripId, title: 'Still planned' });

    const booking = await post(stack.url, READ_BOOKING, { id: booked.id }, guest.auth);
    expect(dataOf(booking).booking).toMatchObject({ id: booked.id, status: 'PENDING' });
  });

  it('a query that also needs hotels gets SERVICE_UNAVAILABLE for that part, the rest answered', async () => {
    const query = /* GraphQL */ `
      query ($id: ID!) { me { id name } booking(id: $id) { id status hotel { name } } }
    `;
    const res = await post(stack.url, query, { id: booked.id }, guest.auth);
    expect(res.status).toBe(200);
    expect(res.body.data?.me).toEqual({ id: guest.id, name: 'E2E guest' });
    // Booking.hotel is non-null: without hotels, the booking as a whole is null.
    expect(res.body.data?.booking).toBeNull();
    expect(codes(res)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(res.body.errors?.[0]?.message).toBe('The hotels service is unavailable');
    // Internal hosts and ports of the failed call are not revealed.
    expect(JSON.stringify(res.body.errors)).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|4002/);
  });
});
