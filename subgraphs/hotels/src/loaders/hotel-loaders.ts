import { byIdLoader } from '@travel/service-kit';
import type { Db } from '../db.ts';
import { perHotelLoader } from './per-hotel-loader.ts';
import { averageRatings, hotelsById } from './read-statements.ts';

export function createHotelLoaders(db: Db) {
  return {
    hotelById: byIdLoader((ids) => db.$reads.rows(hotelsById, [ids])),
    /** Mean rating per hotel in one aggregate; null for a hotel without reviews. */
    averageRatingByHotelId: perHotelLoader<number | null>(async (ids) => {
      const rows = await db.$reads.rows(averageRatings, [ids]);
      return rows.map((row) => [row.hotelId, row.rating] as const);
    }, null),
  };
}
