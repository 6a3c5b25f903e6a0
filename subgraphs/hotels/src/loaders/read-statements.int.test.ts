import { randomUUID } from 'node:crypto';
import { databaseForFile } from '@travel/testing';
import { expect, it } from 'vitest';
import { createDb } from '../db.ts';
import {
  averageRatings,
  hotelsById,
  reviewPages,
  roomTypesByHotelId,
  roomTypesById,
} from './read-statements.ts';

const db = databaseForFile('hotels', createDb);
// A column added to the schema and missed by a statement fails here: rows must equal Prisma's.
it("reads hotels, room types and review pages exactly as Prisma's rows", async () => {
  const hotel = (name: string, amenities: string[]) =>
    db().hotel.create({
      data: {
        ownerId: randomUUID(),
        name,
        description: `${name}, by the sea`,
        city: 'Lisbon',
        cityKey: 'lisbon',
        country: 'PT',
        starRating: 4,
        amenities,
      },
    });
  const [a, b] = [await hotel('Alfama', ['wifi', 'pool']), await hotel('Belém', [])];
  const roomType = (hotelId: string, name: string) =>
    db().roomType.create({
      data: {
        hotelId,
        name,
        maxGuests: 2,
        totalRooms: 5,
        nightlyRateAmount: 9900,
        currency: 'EUR',
      },
    });
  await roomType(a.id, 'Double');
  await roomType(a.id, 'Suite');
  await roomType(b.id, 'Single');
  for (const [hotelId, rating, comment] of [
    [a.id, 5, 'lovely'],
    [a.id, 3, null],
    [a.id, 4, 'fine'],
    [b.id, 2, null],
  ] as const) {
    await db().review.create({ data: { hotelId, authorId: randomUUID(), rating, comment } });
  }
  const ids = [a.id, b.id];

  const byId = (rows: { id: string }[]) => [...rows].sort((x, y) => x.id.localeCompare(y.id));
  expect(byId(await db().$reads.rows(hotelsById, [ids]))).toStrictEqual(
    await db().hotel.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } }),
  );
  const roomTypes = await db().roomType.findMany({ orderBy: [{ hotelId: 'asc' }, { id: 'asc' }] });
  expect(await db().$reads.rows(roomTypesByHotelId, [ids])).toStrictEqual(roomTypes);
  expect(byId(await db().$reads.rows(roomTypesById, [roomTypes.map((r) => r.id)]))).toStrictEqual(
    byId(roomTypes),
  );

  const reviews = await db().review.findMany({ orderBy: [{ hotelId: 'asc' }, { id: 'asc' }] });
  const ofA = reviews.filter((r) => r.hotelId === a.id);
  const ofB = reviews.filter((r) => r.hotelId === b.id);
  // Two per hotel, then the page after A's first review.
  expect(await db().$reads.rows(reviewPages, [ids, null, 2])).toStrictEqual(
    [...ofA.slice(0, 2), ...ofB.slice(0, 2)].sort((x, y) => x.hotelId.localeCompare(y.hotelId)),
  );
  expect(await db().$reads.rows(reviewPages, [[a.id], ofA[0]?.id, 5])).toStrictEqual(ofA.slice(1));
});

// The mean is a double in GraphQL's answer: every digit must be the one Prisma's groupBy gave.
it("averages ratings to the same doubles as Prisma's groupBy", async () => {
  const { count } = await db().hotel.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({
      ownerId: randomUUID(),
      name: `Hotel ${i}`,
      description: 'by the sea',
      city: 'Porto',
      cityKey: 'porto',
      country: 'PT',
      starRating: 3,
    })),
  });
  const hotels = await db().hotel.findMany({ where: { cityKey: 'porto' }, orderBy: { id: 'asc' } });
  expect(hotels).toHaveLength(count);
  // Thirds, sevenths, long runs: means whose decimal expansions do not end.
  await db().review.createMany({
    data: hotels.flatMap((hotel, i) =>
      Array.from({ length: 1 + (i % 13) }, (_, j) => ({
        hotelId: hotel.id,
        authorId: randomUUID(),
        rating: 1 + ((i * 7 + j * j * 3) % 5),
      })),
    ),
  });
  const ids = hotels.map((hotel) => hotel.id);
  const groups = await db().review.groupBy({
    by: ['hotelId'],
    where: { hotelId: { in: ids } },
    _avg: { rating: true },
    orderBy: { hotelId: 'asc' },
  });
  const rows = await db().$reads.rows(averageRatings, [ids]);
  expect([...rows].sort((x, y) => x.hotelId.localeCompare(y.hotelId))).toStrictEqual(
    groups.map((group) => ({ hotelId: group.hotelId, rating: group._avg.rating })),
  );
  expect(new Set(rows.map((row) => row.rating)).size).toBeGreaterThan(20);
});
