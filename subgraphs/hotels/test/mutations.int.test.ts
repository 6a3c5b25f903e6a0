import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HotelsHarness, startHotels } from './hotels.ts';

const CREATE_HOTEL = `mutation ($input: CreateHotelInput!) {
  createHotel(input: $input) { id name city country starRating amenities owner { id } }
}`;
const ADD_ROOM_TYPE = `mutation ($hotelId: ID!, $input: RoomTypeInput!) {
  addRoomType(hotelId: $hotelId, input: $input) {
    id name maxGuests totalRooms nightlyRate { amount currency } hotel { id }
  }
}`;
const ADD_REVIEW = `mutation ($hotelId: ID!, $rating: Int!, $comment: String) {
  addReview(hotelId: $hotelId, rating: $rating, comment: $comment) {
    id rating comment author { id } hotel { averageRating reviews { totalCount } }
  }
}`;

const hotelInput = {
  name: 'Casa Azul',
  description: 'Quiet',
  city: 'Lisbon',
  country: 'PT',
  starRating: 4,
};
const roomTypeInput = {
  name: 'Double',
  maxGuests: 2,
  totalRooms: 8,
  nightlyRate: 12000,
  currency: 'EUR',
};

let hotels: HotelsHarness;
const ownerId = randomUUID();
let owner: string;
let otherPartner: string;
let traveler: string;
let admin: string;
let hotelId: string;

const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  res.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  hotels = await startHotels();
  owner = await hotels.tokenFor('PARTNER', ownerId);
  otherPartner = await hotels.tokenFor('PARTNER');
  traveler = await hotels.tokenFor('TRAVELER');
  admin = await hotels.tokenFor('ADMIN');
  const res = await hotels.request<{ createHotel: { id: string } }>(
    CREATE_HOTEL,
    { input: hotelInput },
    owner,
  );
  hotelId = res.data?.createHotel.id as string;
});

afterAll(async () => {
  await hotels?.stop();
});

describe('createHotel', () => {
  it('makes the partner the owner and keeps a search key for the city', async () => {
    const res = await hotels.request(
      CREATE_HOTEL,
      { input: { ...hotelInput, city: ' Porto ', country: 'pt', amenities: ['wifi', 'pool'] } },
      owner,
    );
    expect(res.data?.createHotel).toMatchObject({
      city: 'Porto',
      country: 'PT',
      amenities: ['wifi', 'pool'],
      owner: { id: ownerId },
    });
    const id = (res.data?.createHotel as { id: string } | undefined)?.id ?? '';
    expect(await hotels.db.hotel.findUnique({ where: { id } })).toMatchObject({ cityKey: 'porto' });
    // A new member of every hotel list: the router drops cached searches.
    expect(res).toMatchObject({ extensions: { invalidatedEntities: ['Hotel[]'] } });
  });

  it('lets an ADMIN create a hotel', async () => {
    const res = await hotels.request(CREATE_HOTEL, { input: hotelInput }, admin);
    expect(res.errors).toBeUndefined();
  });

  it.each([
    ['anonymous callers', undefined, 'UNAUTHENTICATED'],
    ['travelers', 'traveler', 'FORBIDDEN'],
  ])('refuses %s', async (_label, who, code) => {
    const before = await hotels.db.hotel.count();
    const res = await hotels.request(
      CREATE_HOTEL,
      { input: hotelInput },
      who ? traveler : undefined,
    );
    expect(codeOf(res)).toBe(code);
    expect(await hotels.db.hotel.count()).toBe(before);
  });

  it.each([
    [{ starRating: 6 }, 'input.starRating'],
    [{ starRating: 0 }, 'input.starRating'],
    [{ country: 'UK' }, 'input.country'],
    [{ name: '  ' }, 'input.name'],
    [{ city: 'x'.repeat(101) }, 'input.city'],
    [{ description: 'x'.repeat(5001) }, 'input.description'],
    [{ amenities: Array.from({ length: 51 }, (_, i) => `a${i}`) }, 'input.amenities'],
  ])('refuses %j with BAD_USER_INPUT and writes nothing', async (change, field) => {
    const before = await hotels.db.hotel.count();
    const res = await hotels.request(CREATE_HOTEL, { input: { ...hotelInput, ...change } }, owner);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await hotels.db.hotel.count()).toBe(before);
  });
});

describe('addRoomType', () => {
  it("adds a room type to the owner's hotel", async () => {
    const res = await hotels.request(ADD_ROOM_TYPE, { hotelId, input: roomTypeInput }, owner);
    expect(res.data?.addRoomType).toMatchObject({
      maxGuests: 2,
      totalRooms: 8,
      nightlyRate: { amount: 12000, currency: 'EUR' },
      hotel: { id: hotelId },
    });
    // The router's response cache drops answers listing the hotel's room types, and cached
    // searches (by guests or rate, the hotel may match now).
    expect(res).toMatchObject({
      extensions: { invalidatedEntities: [`Hotel:${hotelId}`, 'Hotel[]'] },
    });
  });

  it('lets an ADMIN add a room type to any hotel', async () => {
    const res = await hotels.request(ADD_ROOM_TYPE, { hotelId, input: roomTypeInput }, admin);
    expect(res.errors).toBeUndefined();
  });

  it.each([
    ['another partner', 'other', 'FORBIDDEN'],
    ['a traveler', 'traveler', 'FORBIDDEN'],
    ['an anonymous caller', 'nobody', 'UNAUTHENTICATED'],
  ])('refuses %s and writes nothing', async (_label, who, code) => {
    const token = { other: otherPartner, traveler, nobody: undefined }[who];
    const before = await hotels.db.roomType.count();
    const res = await hotels.request(ADD_ROOM_TYPE, { hotelId, input: roomTypeInput }, token);
    expect(codeOf(res)).toBe(code);
    expect(await hotels.db.roomType.count()).toBe(before);
  });

  it.each([randomUUID(), 'not-a-uuid'])('answers NOT_FOUND for hotel %s', async (id) => {
    const res = await hotels.request(ADD_ROOM_TYPE, { hotelId: id, input: roomTypeInput }, admin);
    expect(codeOf(res)).toBe('NOT_FOUND');
  });

  it.each([
    [{ currency: 'XYZ' }, 'input.currency'],
    [{ maxGuests: 0 }, 'input.maxGuests'],
    [{ totalRooms: 0 }, 'input.totalRooms'],
    [{ nightlyRate: -100 }, 'input.nightlyRate'],
    [{ name: '' }, 'input.name'],
  ])('refuses %j with BAD_USER_INPUT and writes nothing', async (change, field) => {
    const before = await hotels.db.roomType.count();
    const input = { ...roomTypeInput, ...change };
    const res = await hotels.request(ADD_ROOM_TYPE, { hotelId, input }, owner);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await hotels.db.roomType.count()).toBe(before);
  });
});

describe('addReview', () => {
  it('moves averageRating as reviews arrive', async () => {
    const rating = `query ($id: ID!) { hotel(id: $id) { averageRating reviews { totalCount } } }`;
    expect((await hotels.request(rating, { id: hotelId })).data).toEqual({
      hotel: { averageRating: null, reviews: { totalCount: 0 } },
    });
    const authorId = randomUUID();
    const first = await hotels.request(
      ADD_REVIEW,
      { hotelId, rating: 4, comment: ' Lovely ' },
      await hotels.tokenFor('TRAVELER', authorId),
    );
    expect(first.data?.addReview).toMatchObject({
      rating: 4,
      comment: 'Lovely',
      author: { id: authorId },
      hotel: { averageRating: 4, reviews: { totalCount: 1 } },
    });
    // The router's response cache drops answers with the hotel's rating or the author's reviews.
    expect(first).toMatchObject({
      extensions: { invalidatedEntities: [`Hotel:${hotelId}`, `User:${authorId}`] },
    });
    await hotels.request(ADD_REVIEW, { hotelId, rating: 1 }, traveler);
    expect((await hotels.request(rating, { id: hotelId })).data).toEqual({
      hotel: { averageRating: 2.5, reviews: { totalCount: 2 } },
    });
  });

  it.each([
    [{ rating: 6 }, 'rating'],
    [{ rating: 0 }, 'rating'],
    [{ rating: 3, comment: 'x'.repeat(2001) }, 'comment'],
  ])('refuses %j with BAD_USER_INPUT and writes nothing', async (args, field) => {
    const before = await hotels.db.review.count();
    const res = await hotels.request(ADD_REVIEW, { hotelId, ...args }, traveler);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await hotels.db.review.count()).toBe(before);
  });

  it('refuses anonymous callers and unknown hotels', async () => {
    expect(codeOf(await hotels.request(ADD_REVIEW, { hotelId, rating: 5 }))).toBe(
      'UNAUTHENTICATED',
    );
    const unknown = await hotels.request(
      ADD_REVIEW,
      { hotelId: randomUUID(), rating: 5 },
      traveler,
    );
    expect(codeOf(unknown)).toBe('NOT_FOUND');
  });
});
