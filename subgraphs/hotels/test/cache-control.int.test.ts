import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HotelsHarness, startHotels } from './hotels.ts';
import { seedHotels } from './seed-hotels.ts';

let hotels: HotelsHarness;
let hotelId: string;
let authorId: string;

beforeAll(async () => {
  hotels = await startHotels();
  [hotelId = ''] = await seedHotels(hotels.db, [
    { roomTypes: [{ maxGuests: 2, nightlyRate: 9000 }], ratings: [4] },
  ]);
  authorId = (await hotels.db.review.findFirstOrThrow()).authorId;
});

afterAll(async () => {
  await hotels?.stop();
});

const entities = (fragment: string) =>
  `query ($r: [_Any!]!) { _entities(representations: $r) { ${fragment} } }`;

// What the gateway reads to compute the policy of a whole operation (DESIGN decision 6).
describe('Cache-Control of hotels answers', () => {
  it.each([
    ['the catalogue', '{ searchHotels(input: {}) { totalCount edges { node { name } } } }', 300],
    [
      'a hotel with its owner reference',
      '{ searchHotels(input: {}) { edges { node { owner { id } } } } }',
      300,
    ],
    ['a rating', '{ searchHotels(input: {}) { edges { node { averageRating } } } }', 60],
    ['reviews', '{ searchHotels(input: {}) { edges { node { reviews { totalCount } } } } }', 60],
    ['an unknown hotel', '{ hotel(id: "nope") { name } }', 300],
  ])('lets %s be cached publicly', async (_label, query, maxAge) => {
    const res = await hotels.send(query);
    expect(res.headers.get('cache-control')).toBe(`max-age=${maxAge}, public`);
  });

  it.each([
    ['Hotel', 'hotelId', '... on Hotel { name roomTypes { nightlyRate { amount } } }', 300],
    ['User', 'authorId', '... on User { reviews { rating author { id } } }', 60],
  ])(
    'lets %s entities fetched by the gateway be cached',
    async (typename, key, fragment, maxAge) => {
      const id = key === 'hotelId' ? hotelId : authorId;
      const res = await hotels.send(entities(fragment), { r: [{ __typename: typename, id }] });
      expect(res.headers.get('cache-control')).toBe(`max-age=${maxAge}, public`);
    },
  );
});
