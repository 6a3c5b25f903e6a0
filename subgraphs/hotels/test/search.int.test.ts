import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HotelsHarness, startHotels } from './hotels.ts';
import { seedHotels } from './seed-hotels.ts';

const SEARCH = `query Search($input: HotelSearchInput!, $first: Int, $after: String) {
  searchHotels(input: $input, first: $first, after: $after) {
    totalCount
    edges { cursor node { id name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface SearchResult {
  searchHotels: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; name: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

let hotels: HotelsHarness;

beforeAll(async () => {
  hotels = await startHotels();
  await seedHotels(hotels.db, [
    {
      name: 'A',
      city: 'Lisbon',
      starRating: 5,
      roomTypes: [
        { maxGuests: 2, nightlyRate: 20000 },
        { maxGuests: 4, nightlyRate: 40000 },
      ],
    },
    { name: 'B', city: 'lisbon', starRating: 3, roomTypes: [{ maxGuests: 1, nightlyRate: 5000 }] },
    { name: 'C', city: 'Porto', starRating: 4, roomTypes: [{ maxGuests: 4, nightlyRate: 9000 }] },
    {
      name: 'D',
      city: 'Madrid',
      country: 'ES',
      starRating: 2,
      roomTypes: [{ maxGuests: 2, nightlyRate: 8000 }],
    },
    { name: 'E', city: 'Paris', country: 'FR', starRating: 4 },
    { name: 'F', city: 'LISBON', starRating: 4, roomTypes: [{ maxGuests: 6, nightlyRate: 30000 }] },
  ]);
});

afterAll(async () => {
  await hotels?.stop();
});

async function search(input: object, first?: number, after?: string | null) {
  const res = await hotels.request<SearchResult>(SEARCH, { input, first, after });
  expect(res.errors).toBeUndefined();
  return (res.data as SearchResult).searchHotels;
}

const names = (page: SearchResult['searchHotels']) => page.edges.map((e) => e.node.name).sort();

describe('searchHotels filters', () => {
  it.each([
    ['city, whatever its case', { city: 'lisbon' }, ['A', 'B', 'F']],
    ['city typed in upper case', { city: '  LISBON ' }, ['A', 'B', 'F']],
    ['country', { country: 'ES' }, ['D']],
    ['country in lower case', { country: 'fr' }, ['E']],
    ['minimum star rating', { minStarRating: 4 }, ['A', 'C', 'E', 'F']],
    ['a room type for the guests', { guests: 4 }, ['A', 'C', 'F']],
    ['a room type at or below the rate', { maxNightlyRate: 9000 }, ['B', 'C', 'D']],
    ['ONE room type for the guests at the rate', { guests: 4, maxNightlyRate: 20000 }, ['C']],
    [
      'city, stars and guests together',
      { city: 'Lisbon', minStarRating: 4, guests: 2 },
      ['A', 'F'],
    ],
    ['nothing that matches', { city: 'Lisbon', country: 'ES' }, []],
    ['no filter at all', {}, ['A', 'B', 'C', 'D', 'E', 'F']],
  ])('filters by %s', async (_label, input, expected) => {
    const page = await search(input);
    expect(names(page)).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
    const ids = page.edges.map((e) => e.node.id);
    expect(ids).toEqual([...ids].sort());
  });

  it.each([
    [{ minStarRating: 0 }, 'input.minStarRating'],
    [{ guests: 0 }, 'input.guests'],
    [{ maxNightlyRate: -1 }, 'input.maxNightlyRate'],
    [{ country: 'UK' }, 'input.country'],
  ])('refuses the filter %j with BAD_USER_INPUT', async (input, field) => {
    const res = await hotels.request(SEARCH, { input });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('searchHotels pagination', () => {
  it('walks every page once, in id order, even when a hotel is added midway', async () => {
    const seeded = await seedHotels(
      hotels.db,
      Array.from({ length: 23 }, (_, i) => ({ name: `P${i}`, city: 'Pagetown' })),
    );
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await search({ city: 'pagetown' }, 5, after);
      seen.push(...page.edges.map((e) => e.node.id));
      expect(page.totalCount).toBe(pages < 2 ? 23 : 24);
      if (pages === 1)
        seeded.push(...(await seedHotels(hotels.db, [{ name: 'late', city: 'Pagetown' }])));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);
    expect(seen).toEqual([...seeded].sort());
  });

  it('answers first: 0 with the count only', async () => {
    const page = await search({ city: 'Lisbon' }, 0);
    expect(page).toEqual({
      totalCount: 3,
      edges: [],
      pageInfo: { hasNextPage: true, endCursor: null },
    });
  });

  it.each([
    [{ first: -1 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ after: 'not-a-cursor' }, 'after'],
    [{ after: Buffer.from('cursor:42').toString('base64url') }, 'after'],
  ])('refuses %j with BAD_USER_INPUT', async (page, field) => {
    const res = await hotels.request(SEARCH, { input: {}, ...page });
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('hotel(id)', () => {
  it('answers null for unknown and malformed ids, without a query for the malformed one', async () => {
    const unknown = await hotels.request(
      `{ hotel(id: "00000000-0000-4000-8000-000000000000") { id } }`,
    );
    expect(unknown).toEqual({ data: { hotel: null } });
    hotels.resetSql();
    const malformed = await hotels.request(`{ hotel(id: "42; drop table hotels") { id } }`);
    expect(malformed).toEqual({ data: { hotel: null } });
    expect(hotels.sql).toHaveLength(0);
  });
});
