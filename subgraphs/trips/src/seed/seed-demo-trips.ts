import type { Db } from '../db.ts';
import { buildDemoTrips, type DemoTripOwner } from './demo-trips.ts';

export type { DemoBooking, DemoTripOwner } from './demo-trips.ts';

export interface SeedDemoTripsOptions {
  owners: DemoTripOwner[];
  /** Hotels an owner's trip of ideas may point at. */
  hotelIds: string[];
}

/**
 * Writes the demo trips and their items. Ids are derived from the owners, so a second run
 * writes nothing new (and never duplicates); answers how many rows it wrote.
 */
export async function seedDemoTrips(
  db: Db,
  { owners, hotelIds }: SeedDemoTripsOptions,
): Promise<{ trips: number; items: number }> {
  const { trips, items } = buildDemoTrips(owners, hotelIds);
  const [written, writtenItems] = await db.$transaction([
    db.trip.createMany({ data: trips, skipDuplicates: true }),
    db.itineraryItem.createMany({ data: items, skipDuplicates: true }),
  ]);
  return { trips: written.count, items: writtenItems.count };
}
