import { randomUUID } from 'node:crypto';
import { createDb, createServer, type Db, loadConfig } from '@travel/bookings';
import { createLogger } from '@travel/logger';
import { listen } from '@travel/subgraph-kit';
import { closedPortUrl, JWT_SECRET } from './trips-harness.ts';

export interface BookingsHarness {
  /** The bookings subgraph's /graphql URL: trips' BOOKINGS_URL. */
  url: string;
  /** Writes a booking straight into bookings' database; answers its id. */
  addBooking(guestId: string, hotelOwnerId?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real bookings subgraph (`@travel/bookings`) on a free port, trusting the same tokens as
 * trips. Bookings are written to its database directly: creating them through its API would
 * need the hotels subgraph as well, and trips only reads them through `_entities`.
 */
export async function startBookings(databaseUrl: string): Promise<BookingsHarness> {
  const config = loadConfig({
    DATABASE_URL_BOOKINGS: databaseUrl,
    HOTELS_URL: await closedPortUrl(),
    JWT_SECRET,
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  const db: Db = createDb(config.DATABASE_URL);
  const server = createServer({
    config,
    db,
    log: createLogger({ service: 'bookings', level: 'silent' }),
  });
  await server.start();
  const { url } = await listen(server.httpServer, config.PORT);
  return {
    url,
    async addBooking(guestId, hotelOwnerId = randomUUID()) {
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
    },
    async close() {
      await server.stop();
      await db.$disconnect();
    },
  };
}
