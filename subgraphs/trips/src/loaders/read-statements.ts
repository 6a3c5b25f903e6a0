import { readStatement } from '@travel/service-kit';
import type { ItineraryItem, Trip } from '../generated/prisma/client.ts';

// Every column under its Prisma field name, so that a row read here is the model's type
// (read-statements.int.test.ts compares them with Prisma's rows).
const TRIP = `id, owner_id AS "ownerId", title, destination, start_date AS "startDate",
  end_date AS "endDate", created_at AS "createdAt", version`;
const ITEM = `id, trip_id AS "tripId", kind, title, starts_at AS "startsAt", notes,
  booking_id AS "bookingId", hotel_id AS "hotelId", created_at AS "createdAt", seq`;

/** $1: ids. */
export const tripsById = readStatement<Trip>(
  'trips_by_id',
  `SELECT ${TRIP} FROM trips WHERE id = ANY($1::uuid[])`,
);

/** $1: owner ids. A user's trips, soonest first. */
export const tripsByOwnerId = readStatement<Trip>(
  'trips_by_owner_id',
  `SELECT ${TRIP} FROM trips WHERE owner_id = ANY($1::uuid[])
   ORDER BY start_date, created_at, id`,
);

/** $1: ids. */
export const itemsById = readStatement<ItineraryItem>(
  'itinerary_items_by_id',
  `SELECT ${ITEM} FROM itinerary_items WHERE id = ANY($1::uuid[])`,
);

/** $1: trip ids. By startsAt (unscheduled last), then creation. */
export const itemsByTripId = readStatement<ItineraryItem>(
  'itinerary_items_by_trip_id',
  `SELECT ${ITEM} FROM itinerary_items WHERE trip_id = ANY($1::uuid[])
   ORDER BY starts_at ASC NULLS LAST, seq`,
);
