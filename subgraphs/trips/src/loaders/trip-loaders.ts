import { byIdLoader, listLoader } from '@travel/subgraph-kit';
import type { Db } from '../db.ts';
import type { Trip } from '../generated/prisma/client.ts';

export function createTripLoaders(db: Db) {
  return {
    tripById: byIdLoader((ids) => db.trip.findMany({ where: { id: { in: ids } } })),
    /** A user's trips, soonest first. */
    tripsByOwnerId: listLoader(
      (trip: Trip) => trip.ownerId,
      (ids) =>
        db.trip.findMany({
          where: { ownerId: { in: ids } },
          orderBy: [{ startDate: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        }),
    ),
  };
}
