import { randomUUID } from 'node:crypto';
import { databaseForFile } from '@travel/testing';
import { expect, it } from 'vitest';
import { createDb } from '../db.ts';
import { itemsById, itemsByTripId, tripsById, tripsByOwnerId } from './read-statements.ts';

const db = databaseForFile('trips', createDb);
const byId = <T extends { id: string }>(rows: T[]) =>
  [...rows].sort((x, y) => x.id.localeCompare(y.id));

// A column added to the schema and missed by a statement fails here: rows must equal Prisma's.
it("reads trips and itinerary items exactly as Prisma's rows, in the loaders' order", async () => {
  const owner = randomUUID();
  const trip = (title: string, month: number) =>
    db().trip.create({
      data: {
        ownerId: owner,
        title,
        destination: 'Lisbon',
        startDate: new Date(Date.UTC(2027, month, 1)),
        endDate: new Date(Date.UTC(2027, month, 8)),
      },
    });
  const later = await trip('Later', 6);
  const sooner = await trip('Sooner', 2);
  await db().itineraryItem.createMany({
    data: [
      { tripId: sooner.id, kind: 'NOTE', title: 'Pack', notes: 'sunscreen' },
      {
        tripId: sooner.id,
        kind: 'STAY',
        title: 'Hotel',
        startsAt: new Date(Date.UTC(2027, 2, 1, 15)),
        bookingId: randomUUID(),
        hotelId: randomUUID(),
      },
      {
        tripId: later.id,
        kind: 'ACTIVITY',
        title: 'Tram 28',
        startsAt: new Date(Date.UTC(2027, 6, 2, 9)),
      },
    ],
  });

  const trips = await db().trip.findMany({
    where: { ownerId: owner },
    orderBy: [{ startDate: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
  });
  expect(trips.map((t) => t.title)).toEqual(['Sooner', 'Later']);
  expect(await db().$reads.rows(tripsByOwnerId, [[owner]])).toStrictEqual(trips);
  expect(byId(await db().$reads.rows(tripsById, [trips.map((t) => t.id)]))).toStrictEqual(
    byId(trips),
  );

  const items = await db().itineraryItem.findMany({
    where: { tripId: sooner.id },
    orderBy: [{ startsAt: { sort: 'asc', nulls: 'last' } }, { seq: 'asc' }],
  });
  expect(items.map((i) => i.title)).toEqual(['Hotel', 'Pack']);
  expect(await db().$reads.rows(itemsByTripId, [[sooner.id]])).toStrictEqual(items);
  const all = await db().itineraryItem.findMany();
  expect(byId(await db().$reads.rows(itemsById, [all.map((i) => i.id)]))).toStrictEqual(byId(all));
});
