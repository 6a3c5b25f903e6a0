import { randomUUID } from 'node:crypto';
import { configFrom, createBookingsService, type Db } from '@travel/bookings';
import { closedPortUrl, type SubgraphForTest, startSubgraphForTest } from '@travel/testing';

/**
 * The real bookings subgraph (`@travel/bookings`), trusting the same tokens as trips. Bookings
 * are written to its database directly: creating them through its API would need the hotels
 * subgraph as well, and trips only reads them through `_entities`.
 */
export async function startBookings(): Promise<SubgraphForTest<Db>> {
  const hotelsUrl = await closedPortUrl();
  return startSubgraphForTest('bookings', (deps) =>
    createBookingsService({
      ...deps,
      config: configFrom({ ...deps.config, HOTELS_URL: hotelsUrl }),
    }),
  );
}

/** Writes a booking straight into bookings' database; answers its id. */
export async function addBooking(db: Db, guestId: string, hotelOwnerId = randomUUID()) {
  const booking = await db.booking.create({
    data: {
      guestId,
      roomTypeId: randomUUID(),
      hotelId: randomUUID(),
      hotelOwnerId,
      checkIn: new Date('2027-04-02T00:00:00.000Z'),
      checkOut: new Date('2027-04-04T00:00:00.000Z'),
      guests: 2,
      totalPriceAmount: 24000,
      currency: 'EUR',
      idempotencyKey: randomUUID(),
    },
  });
  return booking.id;
}
