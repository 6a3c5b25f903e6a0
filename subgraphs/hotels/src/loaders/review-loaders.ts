import type { Page } from '@travel/subgraph-kit';
import { byIdLoader, listLoader, validIds } from '@travel/subgraph-kit';
import DataLoader from 'dataloader';
import type { Db } from '../db.ts';
import { Prisma, type Review } from '../generated/prisma/client.ts';

export function createReviewLoaders(db: Db) {
  const pages = new Map<string, DataLoader<string, Review[]>>();
  return {
    reviewById: byIdLoader<Review>((ids) => db.review.findMany({ where: { id: { in: ids } } })),
    reviewsByAuthorId: listLoader<Review>(
      (row) => row.authorId,
      (ids) => db.review.findMany({ where: { authorId: { in: ids } }, orderBy: { id: 'asc' } }),
    ),
    /** All reviews of each hotel, counted in one grouped query. */
    reviewCountByHotelId: new DataLoader<string, number>(async (keys) => {
      const ids = validIds(keys);
      const groups =
        ids.length > 0
          ? await db.review.groupBy({
              by: ['hotelId'],
              where: { hotelId: { in: ids } },
              _count: { _all: true },
            })
          : [];
      const byHotel = new Map(groups.map((group) => [group.hotelId, group._count._all]));
      return keys.map((key) => byHotel.get(key.toLowerCase()) ?? 0);
    }),
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
          (ids) => findReviewPages(db, ids, page),
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

/** `row_number()` per hotel cuts every hotel's page in the same statement. */
function findReviewPages(db: Db, hotelIds: string[], { take, afterId }: Page): Promise<Review[]> {
  const after = afterId ? Prisma.sql`AND id > ${afterId}::uuid` : Prisma.empty;
  return db.$queryRaw<Review[]>`
    SELECT id, hotel_id AS "hotelId", author_id AS "authorId", rating, comment,
           created_at AS "createdAt"
    FROM (
      SELECT r.*, row_number() OVER (PARTITION BY hotel_id ORDER BY id) AS position
      FROM reviews r
      WHERE hotel_id = ANY(${hotelIds}::uuid[]) ${after}
    ) ranked
    WHERE position <= ${take + 1}
    ORDER BY hotel_id, id`;
}
