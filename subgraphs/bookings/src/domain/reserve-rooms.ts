import { AppError } from '@travel/errors';
import type { Db } from '../db.ts';
import { type Booking, Prisma } from '../generated/prisma/client.ts';
import { BOOKING } from '../loaders/read-statements.ts';
import { newBookingId } from './booking-id.ts';
import { isoDate } from './booking-rules.ts';

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
 * race: the database's `reserve_booking` (migration `reserve_booking_in_one_statement`) takes
 * a transaction-scoped advisory lock on the room type (bookings of one room type queue there;
 * others do not wait), then in one query that sees every booking committed before the lock
 * looks the key up, counts every night and inserts only if neither the key is known nor a
 * night full. ONE statement in its own transaction: the lock is held for that statement and
 * its commit, not across round trips.
 */
export async function reserveRooms(
  db: Db,
  data: NewBooking,
  totalRooms: number,
): Promise<Reservation> {
  const [row] = await db.$queryRaw<ReservationRow[]>(reserveSql(data, totalRooms));
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

/** `reserve_booking`'s row, with the booking's columns under its fields' names. */
function reserveSql(data: NewBooking, totalRooms: number): Prisma.Sql {
  return Prisma.sql`
    SELECT r.outcome, r.peak, booking.*
    FROM reserve_booking(
      new_id => ${newBookingId(data.createdAt)}::uuid,
      new_guest_id => ${data.guestId}::uuid,
      new_room_type_id => ${data.roomTypeId}::uuid,
      new_hotel_id => ${data.hotelId}::uuid,
      new_hotel_owner_id => ${data.hotelOwnerId}::uuid,
      new_check_in => ${isoDate(data.checkIn)}::date,
      new_check_out => ${isoDate(data.checkOut)}::date,
      new_guests => ${data.guests}::smallint,
      new_total_price_amount => ${data.totalPriceAmount}::int,
      new_currency => ${data.currency},
      new_idempotency_key => ${data.idempotencyKey},
      new_hold_expires_at => ${data.holdExpiresAt.toISOString()}::timestamptz,
      new_created_at => ${data.createdAt.toISOString()}::timestamptz,
      total_rooms => ${totalRooms}::int
    ) r
    CROSS JOIN LATERAL (SELECT ${Prisma.raw(BOOKING)} FROM (SELECT (r.booking).*) bookings) booking`;
}
