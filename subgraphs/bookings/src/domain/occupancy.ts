import { readStatement } from '@travel/service-kit';
import type { Db } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { isoDate } from './booking-rules.ts';

/**
 * The SQL of the peaks: for each room type, the most rooms held on any one night of
 * `[checkIn, checkOut)` by PENDING or CONFIRMED bookings, rows `("roomTypeId", peak)`:
 * `generate_series` lists the nights, the (roomTypeId, checkOut, checkIn, status) index finds
 * the bookings overlapping the stay: those leaving after its first night, so that a read does
 * not grow with the room type's past. Room types without bookings answer 0. One text for the
 * availability reads and the count a booking takes under its lock: the parameters (the ids,
 * then the two `YYYY-MM-DD` dates) go where the caller's placeholders say.
 */
function peakBookedRoomsText(ids: string, checkIn: string, checkOut: string): string {
  return `
    SELECT r.id::text AS "roomTypeId", coalesce(max(per_night.booked), 0)::int AS peak
    FROM unnest(${ids}::uuid[]) AS r(id)
    CROSS JOIN (SELECT ${checkIn}::date AS arrival, ${checkOut}::date AS departure) stay
    CROSS JOIN LATERAL (
      SELECT count(b.id) AS booked
      FROM generate_series(stay.arrival, stay.departure - 1, interval '1 day') AS night(day)
      LEFT JOIN bookings b
        ON b.room_type_id = r.id
       AND b.check_out > stay.arrival
       AND b.check_in < stay.departure
       AND b.status IN ('PENDING', 'CONFIRMED')
       AND b.check_in <= night.day::date
       AND b.check_out > night.day::date
      GROUP BY night.day
    ) per_night
    GROUP BY r.id`;
}

/** The peaks inside a larger Prisma statement (the reservation, under its lock). */
export function peakBookedRoomsSql(
  roomTypeIds: readonly string[],
  checkIn: Date,
  checkOut: Date,
): Prisma.Sql {
  // NUL never occurs in the text: it only marks where each value goes.
  const strings = peakBookedRoomsText('\0', '\0', '\0').split('\0');
  return new Prisma.Sql(strings, [[...roomTypeIds], isoDate(checkIn), isoDate(checkOut)]);
}

/**
 * $1: room type ids, $2: checkIn, $3: checkOut (`YYYY-MM-DD`). A prepared statement, not
 * `$queryRaw`: the availability read is the partner operation's only statement, and Prisma's
 * client cost more CPU per call than the rest of the read (see createSqlReads).
 */
const peakBookedRoomsRead = readStatement<{ roomTypeId: string; peak: number }>(
  'peak_booked_rooms',
  peakBookedRoomsText('$1', '$2', '$3'),
);

/** The peaks of `peakBookedRoomsText` in ONE statement for all the room types. */
export async function peakBookedRooms(
  db: Pick<Db, '$reads'>,
  roomTypeIds: readonly string[],
  checkIn: Date,
  checkOut: Date,
): Promise<Map<string, number>> {
  if (roomTypeIds.length === 0) return new Map();
  const rows = await db.$reads.rows(peakBookedRoomsRead, [
    roomTypeIds,
    isoDate(checkIn),
    isoDate(checkOut),
  ]);
  return new Map(rows.map((row) => [row.roomTypeId, row.peak]));
}
