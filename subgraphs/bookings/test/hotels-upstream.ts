import { randomUUID } from 'node:crypto';
import { createDb, createServer, type Db, loadConfig } from '@travel/hotels';
import { createLogger } from '@travel/logger';
import { listen } from '@travel/subgraph-kit';
import { createTestDatabase } from '@travel/testing';
import { JWT_SECRET } from './bookings-harness.ts';

export interface RoomTypeSpec {
  totalRooms?: number;
  maxGuests?: number;
  nightlyRate?: number;
  ownerId?: string;
}

export interface HotelsUpstream {
  url: string;
  db: Db;
  /** A hotel with one room type; returns the ids a test needs. */
  addRoomType(spec?: RoomTypeSpec): Promise<{ id: string; hotelId: string; ownerId: string }>;
  close(): Promise<void>;
}

/** The REAL hotels subgraph on a free port and its own database: what bookings asks. */
export async function startHotelsUpstream(): Promise<HotelsUpstream> {
  const database = await createTestDatabase('hotels');
  const config = loadConfig({
    DATABASE_URL_HOTELS: database.url,
    JWT_SECRET,
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  const db = createDb(config.DATABASE_URL);
  const server = createServer({
    config,
    db,
    log: createLogger({ service: 'hotels', level: 'silent' }),
  });
  await server.start();
  const { url } = await listen(server.httpServer, config.PORT);
  return {
    url,
    db,
    async addRoomType({
      totalRooms = 5,
      maxGuests = 2,
      nightlyRate = 10_000,
      ownerId = randomUUID(),
    } = {}) {
      const hotel = await db.hotel.create({
        data: {
          ownerId,
          name: 'Test hotel',
          description: 'A hotel for booking tests',
          city: 'Lisbon',
          cityKey: 'lisbon',
          country: 'PT',
          starRating: 3,
          amenities: [],
          roomTypes: {
            create: [
              {
                name: 'Double',
                maxGuests,
                totalRooms,
                nightlyRateAmount: nightlyRate,
                currency: 'EUR',
              },
            ],
          },
        },
        include: { roomTypes: true },
      });
      const [roomType] = hotel.roomTypes;
      if (!roomType) throw new Error('room type not created');
      return { id: roomType.id, hotelId: hotel.id, ownerId };
    },
    async close() {
      await server.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
}
