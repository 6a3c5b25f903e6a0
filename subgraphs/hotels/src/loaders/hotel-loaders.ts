import { byIdLoader, validIds } from '@travel/subgraph-kit';
import DataLoader from 'dataloader';
import type { Db } from '../db.ts';
import { hotelsById } from './read-statements.ts';

export function createHotelLoaders(db: Db) {
  return {
    hotelById: byIdLoader((ids) => db.$reads.rows(hotelsById, [ids])),
    /** Mean rating per hotel in one aggregate; null for a hotel without reviews. */
    averageRatingByHotelId: new DataLoader<string, number | null>(async (keys) => {
      const ids = validIds(keys);
      const groups =
        ids.length > 0
          ? await db.review.groupBy({
              by: ['hotelId'],
              where: { hotelId: { in: ids } },
              _avg: { rating: true },
            })
          : [];
      const byHotel = new Map(groups.map((group) => [group.hotelId, group._avg.rating]));
      return keys.map((key) => byHotel.get(key.toLowerCase()) ?? null);
    }),
  };
}
