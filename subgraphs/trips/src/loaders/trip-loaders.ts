import { byIdLoader, listLoader } from '@travel/service-kit';
import type { Db } from '../db.ts';
import type { Trip } from '../generated/prisma/client.ts';
import { tripsById, tripsByOwnerId } from './read-statements.ts';

export function createTripLoaders(db: Db) {
  return {
    tripById: byIdLoader((ids) => db.$reads.rows(tripsById, [ids])),
    /** A user's trips, soonest first. */
    tripsByOwnerId: listLoader(
      (trip: Trip) => trip.ownerId,
      (ids) => db.$reads.rows(tripsByOwnerId, [ids]),
    ),
  };
}
