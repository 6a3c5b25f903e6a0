import { createDb, createHoldSweeper } from '@travel/bookings';
import { createEntityChangePublisher, createEntityChangePubSub } from '@travel/service-kit';
import { eventually, testRedisTargets } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  availableRooms,
  book,
  CONFIRM_BOOKING,
  createRoomType,
  dataOf,
  day,
} from './support/bookings.ts';
import { addReview, createHotel } from './support/catalogue.ts';
import { post } from './support/graphql.ts';
import { metricValue, subgraphCalls } from './support/metrics.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { connect, subscribe, waitForGauge } from './support/subscriber.ts';
import { type SignedInUser, signUp } from './support/users.ts';

// Two router instances sharing Redis, as a scaled-out deployment runs them: on one Redis
// node, and on a Redis Cluster (where entries, tags and counters spread over three masters).
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

/**
 * Posts a query the cache misses and waits until `url`'s instance has stored the answer: the
 * write runs in the background, and on a Cluster its first use of a node opens a connection.
 */
async function cache(url: string, query: string, variables = {}, headers = {}) {
  const writes = (outcome: string) => metricValue(url, 'response_cache_writes_total', { outcome });
  const before = await writes('stored');
  let superseded = await writes('superseded');
  let result = await counted(url, query, variables, headers);
  await vi.waitFor(
    async () => {
      // A write refused because an invalidation came after its read (on a busy machine, the
      // event of a change the test made just before, arriving late) stores nothing, as it
      // must: the query is asked again.
      const refused = await writes('superseded');
      if (refused > superseded) {
        superseded = refused;
        result = await counted(url, query, variables, headers);
      }
      expect(await writes('stored')).toBeGreaterThan(before);
    },
    // A background write: on a busy machine it may take a while to settle.
    { timeout: 10_000 },
  );
  return result;
}

/** The guest's booking of one night, `inDays` from today, at a new hotel of the partner's. */
async function oneNightAt(hotelName: string, inDays: number) {
  const roomType = await createRoomType(stack.url, partner, 2, hotelName);
  return book(stack.url, guest, {
    roomTypeId: roomType.roomTypeId,
    checkIn: day(inDays),
    checkOut: day(inDays + 1),
  });
}

const HOTEL = 'query ($id: ID!) { hotel(id: $id) { averageRating reviews { totalCount } } }';
const BOOKING = 'query ($id: ID!) { booking(id: $id) { status } }';

describe.each(testRedisTargets())('on Redis (%s)', (_name, redisUrl) => {
  beforeAll(async () => {
    // Deadlines of their own tests (redis-stall, response-cache-outage): here a busy machine
    // must not turn a slow Cluster write into a missing entry.
    stack = await startTestStack({ redisUrl, routerEnv: { REDIS_TIMEOUT_MS: '1000' } });
    second = await stack.startRouter();
    guest = await signUp(stack.url, 'instances-guest@e2e.test');
    partner = await signUp(stack.url, 'instances-partner@e2e.test', 'PARTNER');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  describe('one cache for every router instance', () => {
    it('answers on the second instance what the first one cached', async () => {
      const { hotelId } = await createRoomType(stack.url, partner, 2, 'Shared Cache Inn');
      const first = await cache(stack.url, HOTEL, { id: hotelId });
      expect(first.calls).toBeGreaterThan(0);
      const other = await counted(second.url, HOTEL, { id: hotelId });
      expect(other.calls).toBe(0);
      expect(other.res.body).toEqual(first.res.body);
    });

    it('shows a review written through one instance in the next query on either', async () => {
      const { hotelId } = await createRoomType(stack.url, partner, 2, 'Reviewed Inn');
      await cache(stack.url, HOTEL, { id: hotelId });
      for (const url of [stack.url, second.url]) {
        expect((await counted(url, HOTEL, { id: hotelId })).calls).toBe(0);
      }
      const review = await addReview(second.url, guest, hotelId, 5);
      expect(review.body.errors).toBeUndefined();
      for (const url of [stack.url, second.url]) {
        const { hotel } = dataOf(await post(url, HOTEL, { id: hotelId }));
        expect(hotel).toEqual({ averageRating: 5, reviews: { totalCount: 1 } });
      }
    });

    it('shows a hotel created through one instance in the next search on the other', async () => {
      const SEARCH =
        'query ($city: String!) { searchHotels(input: { city: $city }) { totalCount edges { node { name } } } }';
      const city = { city: 'Newtown' };
      const first = await cache(second.url, SEARCH, city);
      expect(dataOf(first.res).searchHotels.totalCount).toBe(0);
      expect((await counted(second.url, SEARCH, city)).calls).toBe(0);
      const created = await createHotel(stack.url, partner, { name: 'Newtown Inn', ...city });
      expect(created.body.errors).toBeUndefined();
      expect(dataOf(await post(second.url, SEARCH, city)).searchHotels).toEqual({
        totalCount: 1,
        edges: [{ node: { name: 'Newtown Inn' } }],
      });
    });

    it('shows a booking made through one instance in availability on either', async () => {
      const roomType = await createRoomType(stack.url, partner, 4, 'Busy Inn');
      const [checkIn, checkOut] = [day(60), day(63)];
      for (const url of [stack.url, second.url]) {
        expect(await availableRooms(url, roomType, checkIn, checkOut)).toBe(4);
      }
      const failed = () =>
        metricValue(stack.url, 'response_cache_invalidations_total', { outcome: 'failed' });
      const failedBefore = await failed();
      await book(stack.url, guest, { roomTypeId: roomType.roomTypeId, checkIn, checkOut });
      // Read-your-writes holds once the booking's invalidation is done; one that failed or
      // outlasted RESPONSE_CACHE_INVALIDATION_TIMEOUT_MS lets the booking answer anyway
      // (README, Response cache): said first, so that such a run fails for what it is.
      expect(await failed(), 'the booking answered before its invalidation was done').toBe(
        failedBefore,
      );
      for (const url of [second.url, stack.url]) {
        expect(await availableRooms(url, roomType, checkIn, checkOut)).toBe(3);
      }
    });
  });

  describe('changes no request carried', () => {
    it('drops what the hold sweeper changed, on every instance, through booking events', async () => {
      const booking = await oneNightAt('Swept Inn', 70);
      await cache(stack.url, BOOKING, { id: booking.id }, guest.auth);
      for (const url of [stack.url, second.url]) {
        const cached = await counted(url, BOOKING, { id: booking.id }, guest.auth);
        expect(cached.calls).toBe(0);
        expect(cached.res.body.data?.booking.status).toBe('PENDING');
      }
      const invalidationsBefore = await metricValue(
        second.url,
        'response_cache_invalidations_total',
      );

      // The sweeper of a bookings instance, past the hold: no router request carries it.
      const db = createDb(stack.databaseUrls.bookings);
      const pubsub = createEntityChangePubSub(redisUrl);
      try {
        const log = { info() {}, error() {} };
        const publisher = createEntityChangePublisher({ pubsub, log });
        const sweeper = createHoldSweeper({ db, publisher, log });
        const swept = await sweeper.sweepOnce(new Date(Date.now() + 16 * 60_000));
        expect(swept.map((row) => row.id)).toContain(booking.id);
      } finally {
        await db.$disconnect();
        await pubsub.close();
      }

      // The entries live 30 s: seeing CANCELLED within a few seconds proves the invalidation.
      await eventually(
        async () =>
          (await metricValue(second.url, 'response_cache_invalidations_total')) !==
          invalidationsBefore,
      );
      for (const url of [stack.url, second.url]) {
        const res = await post(url, BOOKING, { id: booking.id }, guest.auth);
        expect(res.body.data?.booking.status).toBe('CANCELLED');
      }
    });
  });

  describe('booking events', () => {
    it('reach a subscriber on one instance when a booking changes through the other', async () => {
      const booking = await oneNightAt('Evented Inn', 80);
      const conn = connect(second.url, { authorization: guest.auth.authorization });
      try {
        const mine = subscribe(conn.client, 'subscription { myBookingUpdates { id status } }');
        await waitForGauge(second.url, 'graphql_subscriptions_active', 1);
        dataOf(await post(stack.url, CONFIRM_BOOKING, { id: booking.id }, guest.auth));
        expect((await mine.result(1)).data).toEqual({
          myBookingUpdates: { id: booking.id, status: 'CONFIRMED' },
        });
      } finally {
        await conn.dispose();
      }
    });
  });
});
