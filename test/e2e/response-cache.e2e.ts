import { createHash } from 'node:crypto';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@travel/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  availableRooms,
  book,
  createRoomType,
  dataOf,
  day,
  type PartnerRoomType,
} from './support/bookings.ts';
import { addReview, createHotel, firstHotelId } from './support/catalogue.ts';
import { post, send } from './support/graphql.ts';
import { metricValue, subgraphCalls } from './support/metrics.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { logIn, type SignedInUser, signUp } from './support/users.ts';

// The response cache in process (no REDIS_URL), as `pnpm start` runs it.
let stack: TestStack;
let traveler: SignedInUser;
let other: SignedInUser;
let hotelId: string;

/** Posts `query` and tells how many subgraph operations answering it took. */
async function counted(query: string, variables = {}, headers: Record<string, string> = {}) {
  const before = await subgraphCalls(stack.subgraphUrls);
  const res = await post(stack.url, query, variables, headers);
  return { res, calls: (await subgraphCalls(stack.subgraphUrls)) - before };
}

beforeAll(async () => {
  stack = await startTestStack();
  traveler = await logIn(stack.url, DEMO_ACCOUNTS.traveler, DEMO_PASSWORD);
  other = await signUp(stack.url, 'cache-other@e2e.test');
  hotelId = await firstHotelId(stack.url);
});
afterAll(async () => {
  await stack?.stop();
});

const HOTEL = 'query ($id: ID!) { hotel(id: $id) { name averageRating reviews { totalCount } } }';
const ME = '{ me { id name email } }';

describe('the composed cache policy (subgraph hints merged by the gateway)', () => {
  it.each([
    ['a hotel with its reviews', HOTEL, 'max-age=60, public'],
    [
      'the catalogue across hotels and accounts',
      '{ searchHotels(input: { city: "Lisbon" }, first: 3) { edges { node { name owner { name } reviews(first: 2) { edges { node { author { name } } } } } } } }',
      'max-age=60, public',
    ],
    [
      'availability',
      'query ($id: ID!) { hotel(id: $id) { roomTypes { name availableRooms(checkIn: "2031-01-01", checkOut: "2031-01-03") } } }',
      'max-age=5, public',
    ],
  ])('lets %s be cached', async (_label, query, header) => {
    const res = await post(stack.url, query, { id: hotelId });
    expect(res.body.errors).toBeUndefined();
    expect(res.headers.get('cache-control')).toBe(header);
  });

  it('makes user data private, across bookings, hotels and trips', async () => {
    const query =
      '{ me { name bookings(first: 2) { edges { node { status hotel { name } roomType { name } } } } trips { title items { title } } } }';
    const res = await post(stack.url, query, {}, traveler.auth);
    expect(res.body.errors).toBeUndefined();
    expect(res.headers.get('cache-control')).toBe('max-age=30, private');
  });

  it('never lets a mutation or an error be stored', async () => {
    const review = await addReview(stack.url, traveler, hotelId, 4);
    expect(review.body.errors).toBeUndefined();
    expect(review.headers.get('cache-control')).toBe('no-store');
    const forbidden = `{ user(id: "${traveler.id}") { bookings { totalCount } } }`;
    const first = await counted(forbidden, {}, other.auth);
    expect(first.res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(first.res.headers.get('cache-control')).toBe('no-store');
    expect((await counted(forbidden, {}, other.auth)).calls).toBeGreaterThan(0);
  });
});

describe('a repeated public query', () => {
  it('is answered without any subgraph call, with its age', async () => {
    const first = await counted(HOTEL, { id: hotelId });
    expect(first.calls).toBeGreaterThan(0);
    const second = await counted(HOTEL, { id: hotelId });
    expect(second.calls).toBe(0);
    expect(second.res.body).toEqual(first.res.body);
    expect(second.res.headers.get('age')).toMatch(/^\d+$/);
    expect(second.res.headers.get('cache-control')).toBe('max-age=60, public');
    expect(JSON.stringify(second.res.body)).not.toContain('_rc');
    expect(await metricValue(stack.url, 'response_cache_hits_total')).toBeGreaterThan(0);
  });

  it('shares the entry whatever the whitespace and comments, not across variables', async () => {
    await post(stack.url, HOTEL, { id: hotelId });
    const spaced = `# the same operation\n${HOTEL.replaceAll(' ', '\n  ')}`;
    expect((await counted(spaced, { id: hotelId })).calls).toBe(0);
    const unknown = await counted(HOTEL, { id: '00000000-0000-7000-8000-000000000000' });
    expect(unknown.calls).toBeGreaterThan(0);
  });

  it('shares the entry of the same operation sent as an APQ hash', async () => {
    const text = 'query HotelName($id: ID!) { hotel(id: $id) { name city } }';
    await post(stack.url, text, { id: hotelId });
    const variant = `query HotelName($id: ID!) {\n  hotel(id: $id) {\n    name\n    city\n  }\n}`;
    const sha256Hash = createHash('sha256').update(variant).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const register = async () => {
      const before = await subgraphCalls(stack.subgraphUrls);
      const body = JSON.stringify({ query: variant, variables: { id: hotelId }, extensions });
      const res = await send(stack.url, body);
      return { res, calls: (await subgraphCalls(stack.subgraphUrls)) - before };
    };
    expect((await register()).calls).toBe(0);
    const before = await subgraphCalls(stack.subgraphUrls);
    const byHash = await send(
      stack.url,
      JSON.stringify({ variables: { id: hotelId }, extensions }),
    );
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data?.hotel.name).toEqual(expect.any(String));
    expect((await subgraphCalls(stack.subgraphUrls)) - before).toBe(0);
  });

  it('is not cached with RESPONSE_CACHE=false, which keeps the headers', async () => {
    const uncached = await stack.startRouter({ RESPONSE_CACHE: 'false' });
    try {
      for (let i = 0; i < 2; i++) {
        const before = await subgraphCalls(stack.subgraphUrls);
        const res = await post(uncached.url, HOTEL, { id: hotelId });
        expect((await subgraphCalls(stack.subgraphUrls)) - before).toBeGreaterThan(0);
        expect(res.headers.get('cache-control')).toBe('max-age=60, public');
      }
      // A write the caching instance does not hear of (in-process caches are per instance).
      const trip = await post(
        uncached.url,
        'mutation ($input: CreateTripInput!) { createTrip(input: $input) { id } }',
        {
          input: { title: 'Elsewhere', destination: 'Rome', startDate: day(80), endDate: day(81) },
        },
        traveler.auth,
      );
      expect(trip.body.errors).toBeUndefined();
      expect(trip.headers.get('cache-control')).toBe('no-store');
    } finally {
      await uncached.stop();
    }
  });
});

describe('sessions', () => {
  it('keeps PRIVATE answers to their user', async () => {
    const mine = await counted(ME, {}, traveler.auth);
    expect(mine.res.body.data?.me.id).toBe(traveler.id);
    const again = await counted(ME, {}, traveler.auth);
    expect(again.calls).toBe(0);
    expect(again.res.body.data?.me.email).toBe(DEMO_ACCOUNTS.traveler);

    const theirs = await counted(ME, {}, other.auth);
    expect(theirs.calls).toBeGreaterThan(0);
    expect(theirs.res.body.data?.me).toMatchObject({ id: other.id, email: 'cache-other@e2e.test' });
  });

  it('never answers an anonymous caller from a PRIVATE entry', async () => {
    // The same operation is PRIVATE for everyone (email), answered per viewer.
    const query = `{ user(id: "${traveler.id}") { id name email } }`;
    await post(stack.url, query, {}, traveler.auth);
    const cached = await counted(query, {}, traveler.auth);
    expect(cached.calls).toBe(0);
    expect(cached.res.body.data?.user.email).toBe(DEMO_ACCOUNTS.traveler);

    for (const headers of [{}, {}, other.auth]) {
      const res = await counted(query, {}, headers);
      expect(res.calls).toBeGreaterThan(0);
      expect(res.res.body.data?.user).toMatchObject({ id: traveler.id, email: null });
    }
  });
});

describe('read-your-writes', () => {
  it('shows a new review in the next hotel query', async () => {
    const before = dataOf(await post(stack.url, HOTEL, { id: hotelId })).hotel;
    expect((await counted(HOTEL, { id: hotelId })).calls).toBe(0);
    const review = await addReview(stack.url, other, hotelId, 1, 'cold');
    expect(review.body.errors).toBeUndefined();
    const after = dataOf(await post(stack.url, HOTEL, { id: hotelId })).hotel;
    expect(after.reviews.totalCount).toBe(before.reviews.totalCount + 1);
    expect(after.averageRating).toBeLessThan(before.averageRating);
  });

  it('shows a new booking in the next availability query', async () => {
    const partner = await signUp(stack.url, 'cache-partner@e2e.test', 'PARTNER');
    const roomType: PartnerRoomType = await createRoomType(stack.url, partner, 3);
    const [checkIn, checkOut] = [day(40), day(42)];
    expect(await availableRooms(stack.url, roomType, checkIn, checkOut)).toBe(3);
    // The helper's operation, cached now: the next read would not reach bookings.
    const again = await counted(
      'query ($hotelId: ID!, $checkIn: Date!, $checkOut: Date!) { hotel(id: $hotelId) { roomTypes { id totalRooms availableRooms(checkIn: $checkIn, checkOut: $checkOut) } } }',
      { hotelId: roomType.hotelId, checkIn, checkOut },
    );
    expect(again.calls).toBe(0);
    await book(stack.url, other, { roomTypeId: roomType.roomTypeId, checkIn, checkOut });
    expect(await availableRooms(stack.url, roomType, checkIn, checkOut)).toBe(2);
  });

  it('shows a new hotel in the next search of its city', async () => {
    const SEARCH =
      'query ($city: String!) { searchHotels(input: { city: $city }) { totalCount edges { node { name } } } }';
    const city = { city: 'Memoryville' };
    expect(dataOf(await post(stack.url, SEARCH, city)).searchHotels.totalCount).toBe(0);
    expect((await counted(SEARCH, city)).calls).toBe(0);
    const partner = await signUp(stack.url, 'cache-lister@e2e.test', 'PARTNER');
    const created = await createHotel(stack.url, partner, {
      name: 'Fresh Inn',
      city: 'Memoryville',
    });
    expect(created.body.errors).toBeUndefined();
    expect(dataOf(await post(stack.url, SEARCH, city)).searchHotels).toEqual({
      totalCount: 1,
      edges: [{ node: { name: 'Fresh Inn' } }],
    });
  });

  it('shows a new trip in the next trip list of its owner', async () => {
    const TRIPS = '{ me { trips { title } } }';
    const before = dataOf(await post(stack.url, TRIPS, {}, other.auth)).me.trips.length;
    expect((await counted(TRIPS, {}, other.auth)).calls).toBe(0);
    const trip = await post(
      stack.url,
      'mutation ($input: CreateTripInput!) { createTrip(input: $input) { id } }',
      { input: { title: 'Cached?', destination: 'Porto', startDate: day(50), endDate: day(53) } },
      other.auth,
    );
    expect(trip.body.errors).toBeUndefined();
    expect(dataOf(await post(stack.url, TRIPS, {}, other.auth)).me.trips).toHaveLength(before + 1);
  });
});
