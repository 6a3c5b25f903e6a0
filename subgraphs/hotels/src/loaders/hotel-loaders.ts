import { byIdLoader } from '@travel/service-kit';
import type { Db } from '../db.ts';
import { perHotelLoader } from './per-hotel-loader.ts';
import { hotelsById } from './read-statements.ts';

export function createHotelLoaders(db: Db) {
  return {
    hotelById: byIdLoader((ids) => db.$reads.rows(hotelsById, [ids])),
    /** Mean rating per hotel in one aggregate; null for a hotel without reviews. */
    averageRatingByHotelId: perHotelLoader<number | null>(async (ids) => {
      const groups = await db.review.groupBy({
        by: ['hotelId'],
        where: { hotelId: { in: ids } },
        _avg: { rating: true },
      });
      return groups.map((group) => [group.hotelId, group._avg.rating] as const);
    }, null),
  };
}
