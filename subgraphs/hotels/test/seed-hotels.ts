import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db.ts';
import { cityKeyOf } from '../src/domain/search.ts';

export interface HotelSeed {
  name?: string;
  city?: string;
  country?: string;
  starRating?: number;
  ownerId?: string;
  roomTypes?: { maxGuests: number; nightlyRate: number; totalRooms?: number }[];
  ratings?: number[];
}

/** Writes hotels straight to the database (tests of reads need no mutation round trips). */
export async function seedHotels(db: Db, seeds: HotelSeed[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, seed] of seeds.entries()) {
    const city = seed.city ?? 'Lisbon';
    const hotel = await db.hotel.create({
      data: {
        ownerId: seed.ownerId ?? randomUUID(),
        name: seed.name ?? `Hotel ${index}`,
        description: 'A test hotel',
        city,
        cityKey: cityKeyOf(city),
        country: seed.country ?? 'PT',
        starRating: seed.starRating ?? 3,
        amenities: ['wifi'],
        roomTypes: {
          create: (seed.roomTypes ?? []).map((roomType, position) => ({
            name: `Room ${position}`,
            maxGuests: roomType.maxGuests,
            totalRooms: roomType.totalRooms ?? 5,
            nightlyRateAmount: roomType.nightlyRate,
            currency: 'EUR',
          })),
        },
        reviews: {
          create: (seed.ratings ?? []).map((rating) => ({ authorId: randomUUID(), rating })),
        },
      },
    });
    ids.push(hotel.id);
  }
  return ids;
}
