import { byIdLoader, listLoader } from '@travel/subgraph-kit';
import type { Db } from '../db.ts';
import type { ItineraryItem } from '../generated/prisma/client.ts';

export function createItineraryItemLoaders(db: Db) {
  return {
    itemById: byIdLoader((ids) => db.itineraryItem.findMany({ where: { id: { in: ids } } })),
    /** The items of N trips in one query: by startsAt (unscheduled last), then creation. */
    itemsByTripId: listLoader(
      (item: ItineraryItem) => item.tripId,
      (ids) =>
        db.itineraryItem.findMany({
          where: { tripId: { in: ids } },
          orderBy: [{ startsAt: { sort: 'asc', nulls: 'last' } }, { seq: 'asc' }],
        }),
    ),
  };
}
