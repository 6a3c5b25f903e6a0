import { randomUUID } from 'node:crypto';
import { configFrom, createHotelsService, type Db } from '@travel/hotels';
import { type SubgraphForTest, startSubgraphForTest } from '@travel/testing';

export interface RoomTypeSpec {
  totalRooms?: number;
  maxGuests?: number;
  nightlyRate?: number;
  ownerId?: string;
}

export type HotelsUpstream = SubgraphForTest<Db> & {
  /** A hotel with one room type; returns the ids a test needs. */
  addRoomType(spec?: RoomTypeSpec): Promise<{ id: string; hotelId: string; ownerId: string }>;
};

/** The REAL hotels subgraph on a free port and its own database: what bookings asks. */
export async function startHotelsUpstream(): Promise<HotelsUpstream> {
  const hotels = await startSubgraphForTest('hotels', (deps) =>
    createHotelsService({ ...deps, config: configFrom(deps.config) }),
  );
  const { db } = hotels;
  return {
    ...hotels,
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
  };
}
