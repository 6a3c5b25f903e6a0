import type { Db as AccountsDb } from '@travel/accounts';
import { hashPassword } from '@travel/accounts';
import { type Db as BookingsDb, seedDemoBookings } from '@travel/bookings';
import type { Db as HotelsDb } from '@travel/hotels';
import type { Logger } from '@travel/logger';
import { seedDemoTrips, type Db as TripsDb } from '@travel/trips';
import { buildDemoData, DEMO_PASSWORD } from './demo-data.ts';

export interface SeedTargets {
  accounts: AccountsDb;
  hotels: HotelsDb;
  bookings: BookingsDb;
  trips: TripsDb;
}

/**
 * Writes the demo data into databases that are still empty; a database that already holds
 * rows is left alone, so restarting never duplicates or overwrites anything. Bookings start
 * today, so a fresh demo always has upcoming stays.
 */
export async function seedDemoData(dbs: SeedTargets, log: Logger, today = new Date()) {
  const data = buildDemoData();
  if ((await dbs.accounts.user.count()) === 0) {
    // One hash for everyone: scrypt is slow on purpose, and the demo password is shared anyway.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await dbs.accounts.user.createMany({
      data: data.users.map((user) => ({ ...user, passwordHash })),
    });
    log.info({ users: data.users.length }, 'seeded accounts');
  }
  if ((await dbs.hotels.hotel.count()) === 0) {
    await dbs.hotels.$transaction([
      dbs.hotels.hotel.createMany({ data: data.hotels }),
      dbs.hotels.roomType.createMany({ data: data.roomTypes }),
      dbs.hotels.review.createMany({ data: data.reviews }),
    ]);
    log.info({ hotels: data.hotels.length, reviews: data.reviews.length }, 'seeded hotels');
  }
  const travelers = data.users.filter((user) => user.role === 'TRAVELER').map((user) => user.id);
  if ((await dbs.bookings.booking.count()) === 0) {
    const ownerOf = new Map(data.hotels.map((hotel) => [hotel.id, hotel.ownerId]));
    const roomTypes = data.roomTypes.map((roomType) => ({
      ...roomType,
      ownerId: ownerOf.get(roomType.hotelId) ?? '',
    }));
    const { created } = await seedDemoBookings(dbs.bookings, {
      roomTypes,
      guestIds: travelers,
      today,
    });
    log.info({ bookings: created }, 'seeded bookings');
  }
  if ((await dbs.trips.trip.count()) === 0) {
    const bookings = await dbs.bookings.booking.findMany({
      where: { guestId: { in: travelers }, status: { not: 'CANCELLED' } },
      select: { id: true, guestId: true, hotelId: true, checkIn: true },
      orderBy: { checkIn: 'asc' },
    });
    const owners = travelers.map((userId) => ({
      userId,
      bookings: bookings.filter((booking) => booking.guestId === userId).slice(0, 3),
    }));
    const { trips } = await seedDemoTrips(dbs.trips, {
      owners,
      hotelIds: data.hotels.map((hotel) => hotel.id),
    });
    log.info({ trips }, 'seeded trips');
  }
}
