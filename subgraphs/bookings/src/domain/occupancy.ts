import type { Db } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { isoDate } from './booking-rules.ts';

/** Anything that runs raw SQL: the client or a transaction of it. */
export type Queryable = Pick<Db, '$queryRaw'>;

/**
 * The SQL of the peaks: for each room type, the most rooms held on any one night of
 * `[checkIn, checkOut)` by PENDING or CONFIRMED bookings, rows `("roomTypeId", peak)`:
 * `generate_series` lists the nights, the (roomTypeId, checkIn, checkOut, status) index finds
 * the overlapping bookings. Room types without bookings answer 0. One text for the
 * availability reads and the count a booking takes under its lock.
 */
export function peakBookedRoomsSql(
  roomTypeIds: readonly string[],
  checkIn: Date,
  checkOut: Date,
): Prisma.Sql {
  return Prisma.sql`
    SELECT r.id::text AS "roomTypeId", coalesce(max(per_night.booked), 0)::int AS peak
    FROM unnest(${[...roomTypeIds]}::uuid[]) AS r(id)
    CROSS JOIN LATERAL (
      SELECT count(b.id) AS booked
      FROM generate_series(${isoDate(checkIn)}::date, ${isoDate(checkOut)}::date - 1, interval '1 day')
        AS night(day)
      LEFT JOIN bookings b
        ON b.room_type_id = r.id
       AND b.status IN ('PENDING', 'CONFIRMED')
       AND b.check_in <= night.day::date
       AND b.check_out > night.day::date
      GROUP BY night.day
    ) per_night
    GROUP BY r.id`;
}

/** The peaks of `peakBookedRoomsSql` in ONE statement for all the room types. */
export async function peakBookedRooms(
  db: Queryable,
  roomTypeIds: readonly string[],
  checkIn: Date,
  checkOut: Date,
): Promise<Map<string, number>> {
  if (roomTypeIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ roomTypeId: string; peak: number }[]>(
    peakBookedRoomsSql(roomTypeIds, checkIn, checkOut),
  );
  return new Map(rows.map((row) => [row.roomTypeId, row.peak]));
}
