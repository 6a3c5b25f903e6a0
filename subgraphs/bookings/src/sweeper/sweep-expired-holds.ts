import type { Db } from '../db.ts';
import type { ChangedBooking } from '../domain/booking-change.ts';

/** Most holds one statement cancels; the sweep repeats until none is left. */
const BATCH_SIZE = 500;

/**
 * Cancels every PENDING booking whose hold expired at `now`, and tells which. Each batch is
 * ONE statement: `FOR UPDATE SKIP LOCKED` lets several instances sweep at once without
 * waiting on or double-cancelling each other's rows, and a booking being confirmed right now
 * (its row locked by that UPDATE) is skipped rather than cancelled under it.
 */
export async function sweepExpiredHolds(db: Db, now: Date = new Date()): Promise<ChangedBooking[]> {
  const swept: ChangedBooking[] = [];
  for (;;) {
    const rows = await db.$queryRaw<ChangedBooking[]>`
      UPDATE bookings
      SET status = 'CANCELLED', version = version + 1, updated_at = now()
      WHERE status = 'PENDING'
        AND id IN (
          SELECT id FROM bookings
          WHERE status = 'PENDING' AND hold_expires_at <= ${now}::timestamptz
          ORDER BY hold_expires_at
          LIMIT ${BATCH_SIZE}
          FOR UPDATE SKIP LOCKED
        )
      RETURNING id::text AS id, version, guest_id::text AS "guestId",
                hotel_id::text AS "hotelId", room_type_id::text AS "roomTypeId",
                status::text AS status`;
    swept.push(...rows);
    if (rows.length < BATCH_SIZE) return swept;
  }
}
