import { createDb, createHoldSweeper, createRedisPubSub } from '@travel/bookings';
import { testRedisUrl } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableRooms, book, createRoomType, dataOf, day } from './support/bookings.ts';
import { post } from './support/graphql.ts';
import { metricValue, subgraphCalls } from './support/metrics.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { type SignedInUser, signUp } from './support/users.ts';

// Two router instances sharing Redis, as a scaled-out deployment runs them.
let stack: TestStack;
let second: { url: string; stop(): Promise<void> };
let guest: SignedInUser;
let partner: SignedInUser;

/** Posts `query` to `url` and tells how many subgraph operations answering it took. */
async function counted(url: string, query: string, variables = {}, headers = {}) {
  const before = await subgraphCalls(stack.subgraphUrls);
  const res = await post(url, query, variables, headers);
  return { res, calls: (await subgraphCalls(stack.subgraphUrls)) - before };
}

beforeAll(async () => {
  stack = await startTestStack({ redis: true });
  second = await stack.startRouter();
  guest = await signUp(stack.url, 'instances-guest@e2e.test');
  partner = await signUp(stack.url, 'instances-partner@e2e.test', 'PARTNER');
});
afterAll(async () => {
  await stack?.stop();
});

const HOTEL = 'query ($id: ID!) { hotel(id: $id) { averageRating reviews { totalCount } } }';
const BOOKING = 'query ($id: ID!) { booking(id: $id) { status } }';

describe('one cache for every router instance', () => {
  it('answers on the second instance what the first one cached', async () => {
    const { hotelId } = await createRoomType(stack.url, partner, 2, 'Shared Cache Inn');
    const first = await counted(stack.url, HOTEL, { id: hotelId });
    expect(first.calls).toBeGreaterThan(0);
    const other = await counted(second.url, HOTEL, { id: hotelId });
    expect(other.calls).toBe(0);
    expect(other.res.body).toEqual(first.res.body);
  });

  it('shows a review written through one instance in the next query on either', async () => {
    const { hotelId } = await createRoomType(stack.url, partner, 2, 'Reviewed Inn');
    for (const url of [stack.url, second.url]) {
      await post(url, HOTEL, { id: hotelId });
      expect((await counted(url, HOTEL, { id: hotelId })).calls).toBe(0);
    }
    const review = await post(
      second.url,
      'mutation ($id: ID!) { addReview(hotelId: $id, rating: 5) { id } }',
      { id: hotelId },
      guest.auth,
    );
    expect(review.body.errors).toBeUndefined();
    for (const url of [stack.url, second.url]) {
      const { hotel } = dataOf(await post(url, HOTEL, { id: hotelId }));
      expect(hotel).toEqual({ averageRating: 5, reviews: { totalCount: 1 } });
    }
  });

  it('shows a booking made through one instance in availability on either', async () => {
    const roomType = await createRoomType(stack.url, partner, 4, 'Busy Inn');
    const [checkIn, checkOut] = [day(60), day(63)];
    for (const url of [stack.url, second.url]) {
      expect(await availableRooms(url, roomType, checkIn, checkOut)).toBe(4);
    }
    await book(stack.url, guest, { roomTypeId: roomType.roomTypeId, checkIn, checkOut });
    for (const url of [second.url, stack.url]) {
      expect(await availableRooms(url, roomType, checkIn, checkOut)).toBe(3);
    }
  });
});

describe('changes no request carried', () => {
  it('drops what the hold sweeper changed, on every instance, through booking events', async () => {
    const roomType = await createRoomType(stack.url, partner, 2, 'Swept Inn');
    const booking = await book(stack.url, guest, {
      roomTypeId: roomType.roomTypeId,
      checkIn: day(70),
      checkOut: day(71),
    });
    for (const url of [stack.url, second.url]) {
      await post(url, BOOKING, { id: booking.id }, guest.auth);
      const cached = await counted(url, BOOKING, { id: booking.id }, guest.auth);
      expect(cached.calls).toBe(0);
      expect(cached.res.body.data?.booking.status).toBe('PENDING');
    }
    const invalidationsBefore = await metricValue(second.url, 'response_cache_invalidations_total');

    // The sweeper of a bookings instance, past the hold: no router request carries it.
    const db = createDb(stack.databaseUrls.bookings);
    const publisher = createRedisPubSub(testRedisUrl());
    try {
      const sweeper = createHoldSweeper({ db, publisher, log: { info() {}, error() {} } });
      const swept = await sweeper.sweepOnce(new Date(Date.now() + 16 * 60_000));
      expect(swept.map((event) => event.bookingId)).toContain(booking.id);
    } finally {
      await db.$disconnect();
      await publisher.close();
    }

    // The entries live 30 s: seeing CANCELLED within a few seconds proves the invalidation.
    const deadline = Date.now() + 5000;
    while (
      (await metricValue(second.url, 'response_cache_invalidations_total')) ===
        invalidationsBefore &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const url of [stack.url, second.url]) {
      const res = await post(url, BOOKING, { id: booking.id }, guest.auth);
      expect(res.body.data?.booking.status).toBe('CANCELLED');
    }
  });
});
