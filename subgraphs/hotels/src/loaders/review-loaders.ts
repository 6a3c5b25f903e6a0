import type { Page } from '@travel/service-kit';
import { byIdLoader, listLoader } from '@travel/service-kit';
import type DataLoader from 'dataloader';
import type { Db } from '../db.ts';
import type { Review } from '../generated/prisma/client.ts';
import { perHotelLoader } from './per-hotel-loader.ts';
import { reviewPages } from './read-statements.ts';

export function createReviewLoaders(db: Db) {
  const pages = new Map<string, DataLoader<string, Review[]>>();
  return {
    reviewById: byIdLoader<Review>((ids) => db.review.findMany({ where: { id: { in: ids } } })),
    reviewsByAuthorId: listLoader<Review>(
      (row) => row.authorId,
      (ids) => db.review.findMany({ where: { authorId: { in: ids } }, orderBy: { id: 'asc' } }),
    ),
    /** All reviews of each hotel, counted in one grouped query. */
    reviewCountByHotelId: perHotelLoader(async (ids) => {
      const groups = await db.review.groupBy({
        by: ['hotelId'],
        where: { hotelId: { in: ids } },
        _count: { _all: true },
      });
      return groups.map((group) => [group.hotelId, group._count._all] as const);
    }, 0),
    /**
     * One page of reviews per hotel, `take + 1` rows (the extra one proves a next page), for
     * every hotel asked with the same page in ONE query. One loader per distinct page.
     */
    reviewPage(page: Page): DataLoader<string, Review[]> {
      const key = `${page.take}:${page.afterId ?? ''}`;
      let loader = pages.get(key);
      if (!loader) {
        loader = listLoader<Review>(
          (row) => row.hotelId,
          (ids) => db.$reads.rows(reviewPages, [ids, page.afterId ?? null, page.take + 1]),
        );
        pages.set(key, loader);
      }
      return loader;
    },
    /** Forgets every page read so far (after a write to reviews). */
    clearReviewPages(): void {
      pages.clear();
    },
  };
}
