import { randomUUID } from 'node:crypto';
import type { GraphQLResponse } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HotelsHarness, startHotels } from './hotels.ts';
import { seedHotels } from './seed-hotels.ts';

const HOTEL_ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Hotel {
      id
      reviews(first: 2) { edges { node { rating author { id } } } }
      averageRating
      roomTypes { id }
    }
  }
}`;

interface HotelEntity {
  id: string;
  reviews: { edges: { node: { rating: number; author: { id: string } } }[] };
  averageRating: number | null;
  roomTypes: { id: string }[];
}

let hotels: HotelsHarness;
let hotelIds: string[];

beforeAll(async () => {
  hotels = await startHotels();
  // Every fifth hotel has no reviews, so averageRating is null there.
  hotelIds = await seedHotels(
    hotels.db,
    Array.from({ length: 50 }, (_, i) => ({
      roomTypes: [
        { maxGuests: 2, nightlyRate: 10000 },
        { maxGuests: 3, nightlyRate: 15000 },
      ],
      ratings: i % 5 === 0 ? [] : [5, 4, (i % 5) + 1],
    })),
  );
});

afterAll(async () => {
  await hotels?.stop();
});

async function hotelEntities(ids: string[]) {
  hotels.resetSql();
  const representations = ids.map((id) => ({ __typename: 'Hotel', id }));
  const res = await hotels.request<{ _entities: (HotelEntity | null)[] }>(HOTEL_ENTITIES, {
    representations,
  });
  expect(res.errors).toBeUndefined();
  return { entities: res.data?._entities ?? [], statements: hotels.sql.length };
}

describe('_entities batching', () => {
  it('costs the same 4 SQL statements for 5 hotels and for 50', async () => {
    const five = await hotelEntities(hotelIds.slice(0, 5));
    const fifty = await hotelEntities(hotelIds);
    // hotels by id, one windowed page of reviews, one grouped average, room types by hotel
    expect(five.statements).toBe(4);
    expect(fifty.statements).toBe(4);
    expect(fifty.entities).toHaveLength(50);
    expect(fifty.entities.map((hotel) => hotel?.id)).toEqual(hotelIds);
  });

  it('answers each hotel its own page, average and room types', async () => {
    const { entities } = await hotelEntities(hotelIds.slice(0, 3));
    expect(entities[0]).toMatchObject({ averageRating: null, reviews: { edges: [] } });
    expect(entities[1]?.reviews.edges.map((edge) => edge.node.rating)).toEqual([5, 4]);
    expect(entities[1]?.averageRating).toBeCloseTo((5 + 4 + 2) / 3);
    expect(entities[2]?.averageRating).toBeCloseTo((5 + 4 + 3) / 3);
    expect(entities[2]?.roomTypes).toHaveLength(2);
  });

  it('answers null for unknown and malformed hotel keys', async () => {
    const { entities } = await hotelEntities([hotelIds[0] as string, randomUUID(), 'nope']);
    expect(entities.map((hotel) => hotel?.id ?? null)).toEqual([hotelIds[0], null, null]);
  });

  it('resolves RoomType references, totalRooms included, in one statement', async () => {
    const roomTypes = await hotels.db.roomType.findMany({ select: { id: true } });
    hotels.resetSql();
    const res = await hotels.request<{ _entities: { totalRooms: number }[] }>(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on RoomType { id totalRooms maxGuests nightlyRate { amount currency } }
        }
      }`,
      { representations: roomTypes.map(({ id }) => ({ __typename: 'RoomType', id })) },
    );
    expect(res.data?._entities).toHaveLength(100);
    expect(res.data?._entities.every((roomType) => roomType.totalRooms === 5)).toBe(true);
    expect(hotels.sql).toHaveLength(1);
  });

  it("resolves Review references and a user's reviews in batches", async () => {
    const reviews = await hotels.db.review.findMany({ take: 30 });
    hotels.resetSql();
    const res = await hotels.request<{ _entities: { id: string; reviews?: unknown[] }[] }>(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Review { id rating hotel { id } }
          ... on User { id reviews { id rating } }
        }
      }`,
      {
        representations: [
          ...reviews.map(({ id }) => ({ __typename: 'Review', id })),
          ...reviews.map(({ authorId }) => ({ __typename: 'User', id: authorId })),
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    const entities = res.data?._entities ?? [];
    expect(entities.slice(0, 30).map((review) => review.id)).toEqual(reviews.map((r) => r.id));
    expect(entities.slice(30).every((user) => user.reviews?.length === 1)).toBe(true);
    // reviews by id, their hotels by id, reviews by author
    expect(hotels.sql).toHaveLength(3);
  });
});

describe('Hotel.reviews pagination', () => {
  it('walks one hotel’s reviews page by page', async () => {
    const hotelId = hotelIds[1] as string;
    await hotels.db.review.createMany({
      data: [1, 2, 3].map((rating) => ({ hotelId, authorId: randomUUID(), rating })),
    });
    const query = `query ($id: ID!, $after: String) {
      hotel(id: $id) {
        reviews(first: 2, after: $after) {
          totalCount edges { node { id } } pageInfo { hasNextPage endCursor }
        }
      }
    }`;
    type Page = {
      hotel: {
        reviews: {
          totalCount: number;
          edges: { node: { id: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 5; pages += 1) {
      const res: GraphQLResponse<Page> = await hotels.request<Page>(query, { id: hotelId, after });
      const page: Page['hotel']['reviews'] = (res.data as Page).hotel.reviews;
      expect(page.totalCount).toBe(6);
      seen.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const expected = await hotels.db.review.findMany({
      where: { hotelId },
      orderBy: { id: 'asc' },
    });
    expect(seen).toEqual(expected.map((review) => review.id));
  });

  it('serves different page sizes of the same hotels in one request', async () => {
    const res = await hotels.request<{
      hotel: { one: { edges: unknown[] }; three: { edges: unknown[] } };
    }>(
      `query ($id: ID!) {
        hotel(id: $id) { one: reviews(first: 1) { edges { cursor } } three: reviews(first: 3) { edges { cursor } } }
      }`,
      { id: hotelIds[2] },
    );
    expect(res.data?.hotel.one.edges).toHaveLength(1);
    expect(res.data?.hotel.three.edges).toHaveLength(3);
  });

  it('refuses a negative first', async () => {
    const res = await hotels.request(
      `query ($id: ID!) { hotel(id: $id) { reviews(first: -1) { totalCount } } }`,
      {
        id: hotelIds[1],
      },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
