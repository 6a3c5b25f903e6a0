import { readStatement } from '@travel/service-kit';
import type { Db } from '../db.ts';
import { isoDate } from './booking-rules.ts';

/**
 * $1: room type ids, $2: checkIn, $3: checkOut (`YYYY-MM-DD`): for each room type, the most
 * rooms PENDING or CONFIRMED bookings hold on any one night of `[checkIn, checkOut)`, counted
 * by the database's `booked_rooms_peak` (migration `reserve_booking_in_one_statement`), the
 * count a booking takes under its lock too; PostgreSQL inlines it, so the plan reads the
 * bookings overlapping the stay from the (roomTypeId, checkOut, checkIn, status) index. A
 * prepared statement, not `$queryRaw`: the availability read is the partner operation's only
 * statement, and Prisma's client cost more CPU per call than the rest of the read (see
 * createSqlReads).
 */
const peakBookedRoomsRead = readStatement<{ roomTypeId: string; peak: number }>(
  'peak_booked_rooms',
  `SELECT room_type_id::text AS "roomTypeId", peak
   FROM booked_rooms_peak($1::uuid[], $2::date, $3::date)`,
);

/** The peaks of `peakBookedRoomsRead` in ONE statement for all the room types. */
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
