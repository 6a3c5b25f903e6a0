import { randomUUID } from 'node:crypto';
import { databaseForFile } from '@travel/testing';
import { expect, it } from 'vitest';
import { createDb } from '../src/db.ts';
import { seedDemoTrips } from '../src/seed/seed-demo-trips.ts';

const db = databaseForFile('trips', createDb);

it('writes trips with items linked to the owners bookings, once', async () => {
  const [userId, bookingId, hotelId] = [randomUUID(), randomUUID(), randomUUID()];
  const options = {
    owners: [
      { userId, bookings: [{ id: bookingId, hotelId, checkIn: '2027-05-02' }] },
      { userId: randomUUID(), bookings: [] },
    ],
    hotelIds: [hotelId],
  };
  const first = await seedDemoTrips(db(), options);
  expect(first.trips).toBe(3);
  expect(first.items).toBeGreaterThan(5);
  const linked = await db().itineraryItem.findMany({
    where: { bookingId },
    include: { trip: true },
  });
  expect(linked.map((item) => [item.trip.ownerId, item.hotelId])).toEqual([[userId, hotelId]]);
  expect(await seedDemoTrips(db(), options)).toEqual({ trips: 0, items: 0 });
  expect(await db().trip.count()).toBe(3);
});
