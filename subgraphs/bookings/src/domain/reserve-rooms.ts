import { AppError } from '@travel/errors';
import type { Db } from '../db.ts';
import { type Booking, Prisma } from '../generated/prisma/client.ts';
import { BOOKING } from '../loaders/read-statements.ts';
import { newBookingId } from './booking-id.ts';
import { isoDate } from './booking-rules.ts';
import { peakBookedRoomsSql } from './occupancy.ts';

/** First key of the two-key advisory lock: keeps our locks apart from anyone else's. */
const ROOM_TYPE_LOCK_SPACE = 0x626b; // "bk"
/** Longest a booking waits for its room type's lock before it fails. */
const LOCK_TIMEOUT = '10s';

export interface NewBooking {
  guestId: string;
  roomTypeId: string;
  hotelId: string;
  hotelOwnerId: string;
  checkIn: Date;
  checkOut: Date;
  guests: number;
  totalPriceAmount: number;
  currency: string;
  idempotencyKey: string;
  createdAt: Date;
  holdExpiresAt: Date;
}

/**
 * What a reservation did: `created` the booking, or found the guest's idempotency key already
 * naming one (`created: false`, a retry); null when a request with the same key for another
 * room type (another lock) inserted meanwhile: that one won, read it by the key.
 */
export type Reservation = { booking: Booking; created: boolean } | null;

/** The booking's columns are all null when `outcome` is. */
type ReservationRow = Booking & { peak: number; outcome: 'created' | 'existing' | null };

/**
 * Inserts `data` unless a night of its stay is full, never overbooking however many requests
 * race: one transaction takes a transaction-scoped advisory lock on the room type (bookings of
 * one room type queue here; others do not wait), then ONE statement that runs after the lock
 * (READ COMMITTED: it sees every booking committed before) looks the key up, counts every
 * night and inserts only if neither the key is known nor a night full; the commit releases
 * the lock. Four round trips (BEGIN, lock, reserve, COMMIT), and no interactive transaction.
 */
export async function reserveRooms(
  db: Db,
  data: NewBooking,
  totalRooms: number,
): Promise<Reservation> {
  const [, rows] = await db.$transaction([
    // The wait for the lock is bounded like any transaction: requests for one room type wait
    // their turn, a stuck holder fails them instead of piling them up.
    db.$executeRaw`SELECT set_config('lock_timeout', ${LOCK_TIMEOUT}, true),
      pg_advisory_xact_lock(${ROOM_TYPE_LOCK_SPACE}::int, hashtext(${data.roomTypeId}))`,
    db.$queryRaw<ReservationRow[]>(reserveSql(data, totalRooms)),
  ]);
  const row = rows[0];
  if (!row) throw new Error('the reservation statement answered no row');
  if (row.outcome !== null) {
    const { peak: _peak, outcome, ...booking } = row;
    return { booking: booking as Booking, created: outcome === 'created' };
  }
  if (row.peak >= totalRooms) {
    throw new AppError(
      'This room type is fully booked on at least one night of the stay',
      'NO_AVAILABILITY',
    );
  }
  return null;
}

/**
 * One row: the stay's peak, and the booking created or found by the key (all null when
 * neither). A concurrent retry that waited on the lock finds the first booking (`existing`)
 * instead of finding the nights it filled and answering NO_AVAILABILITY.
 */
function reserveSql(data: NewBooking, totalRooms: number): Prisma.Sql {
  const columns = Prisma.raw(BOOKING);
  return Prisma.sql`
    WITH existing AS (
      SELECT ${columns} FROM bookings
      WHERE guest_id = ${data.guestId}::uuid AND idempotency_key = ${data.idempotencyKey}
    ), peak AS (
      ${peakBookedRoomsSql([data.roomTypeId], data.checkIn, data.checkOut)}
    ), inserted AS (
      INSERT INTO bookings (id, guest_id, room_type_id, hotel_id, hotel_owner_id, check_in,
        check_out, guests, status, total_price_amount, currency, idempotency_key,
        hold_expires_at, created_at, updated_at)
      SELECT ${newBookingId(data.createdAt)}::uuid, ${data.guestId}::uuid,
        ${data.roomTypeId}::uuid, ${data.hotelId}::uuid, ${data.hotelOwnerId}::uuid,
        ${isoDate(data.checkIn)}::date, ${isoDate(data.checkOut)}::date,
        ${data.guests}::smallint, 'PENDING', ${data.totalPriceAmount}::int, ${data.currency},
        ${data.idempotencyKey}, ${data.holdExpiresAt.toISOString()}::timestamptz,
        ${data.createdAt.toISOString()}::timestamptz, ${data.createdAt.toISOString()}::timestamptz
      WHERE NOT EXISTS (SELECT FROM existing) AND (SELECT peak FROM peak) < ${totalRooms}
      -- The key taken by a racing request for another room type: that one stands.
      ON CONFLICT (guest_id, idempotency_key) DO NOTHING
      RETURNING ${columns}
    )
    SELECT p.peak, o.* FROM peak p LEFT JOIN (
      SELECT 'created' AS outcome, * FROM inserted
      UNION ALL SELECT 'existing', * FROM existing
    ) o ON true`;
}
