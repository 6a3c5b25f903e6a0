import { randomUUID } from 'node:crypto';
import { databaseForFile } from '@travel/testing';
import { expect, it } from 'vitest';
import { createDb } from '../db.ts';
import { createLoaders } from './index.ts';
import { averageRatings, hotelsById, roomTypesByHotelId } from './read-statements.ts';

const db = databaseForFile('hotels', createDb);

// The hotel page's one statement must read what the three it replaces read, row for row.
it('reads each hotel, its mean rating and its room types as the three reads do', async () => {
  const hotel = (name: string) =>
    db().hotel.create({
      data: {
        ownerId: randomUUID(),
        name,
        description: `${name}, by the river`,
        city: 'Porto',
        cityKey: 'porto',
        country: 'PT',
        starRating: 3,
        amenities: ['wifi'],
      },
    });
  // Room types and reviews; room types only; neither.
  const [full, rooms, bare] = [await hotel('Ribeira'), await hotel('Foz'), await hotel('Bolhão')];
  for (const [hotelId, name] of [
    [full.id, 'Double'],
    [full.id, 'Suite'],
    [full.id, 'Single'],
    [rooms.id, 'Twin'],
  ] as const) {
    await db().roomType.create({
      data: {
        hotelId,
        name,
        maxGuests: 2,
        totalRooms: 4,
        nightlyRateAmount: 8800,
        currency: 'EUR',
      },
    });
  }
  for (const rating of [5, 4, 4]) {
    await db().review.create({ data: { hotelId: full.id, authorId: randomUUID(), rating } });
  }
  const ids = [full.id, rooms.id, bare.id];
  const hotels = await db().$reads.rows(hotelsById, [ids]);
  const means = new Map(
    (await db().$reads.rows(averageRatings, [ids])).map((row) => [row.hotelId, row.rating]),
  );
  const roomTypes = await db().$reads.rows(roomTypesByHotelId, [ids]);

  const loaders = createLoaders(db());
  const missing = randomUUID();
  const details = await loaders.hotelDetailsById.loadMany([
    ...ids.map((id) => id.toUpperCase()),
    missing,
    'not-a-uuid',
  ]);
  expect(details).toStrictEqual([
    ...ids.map((id) => ({
      hotel: hotels.find((row) => row.id === id),
      averageRating: means.get(id) ?? null,
      roomTypes: roomTypes.filter((row) => row.hotelId === id),
    })),
    null,
    null,
  ]);
  expect(means.get(full.id)).toBeCloseTo(13 / 3);
  expect(roomTypes.filter((row) => row.hotelId === full.id)).toHaveLength(3);
});
