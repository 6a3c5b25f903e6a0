import { byIdLoader, listLoader } from '@travel/service-kit';
import type { Db } from '../db.ts';
import type { ItineraryItem } from '../generated/prisma/client.ts';
import { itemsById, itemsByTripId } from './read-statements.ts';

export function createItineraryItemLoaders(db: Db) {
  return {
    itemById: byIdLoader((ids) => db.$reads.rows(itemsById, [ids])),
    /** The items of N trips in one query: by startsAt (unscheduled last), then creation. */
    itemsByTripId: listLoader(
      (item: ItineraryItem) => item.tripId,
      (ids) => db.$reads.rows(itemsByTripId, [ids]),
    ),
  };
}
