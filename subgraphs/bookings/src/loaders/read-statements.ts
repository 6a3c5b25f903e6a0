import { readStatement } from '@travel/service-kit';
import type { Booking } from '../generated/prisma/client.ts';

// Every column under its Prisma field name, so that a row read here is a Booking
// (read-statements.int.test.ts compares it with Prisma's).
export const BOOKING = `id, guest_id AS "guestId", room_type_id AS "roomTypeId", hotel_id AS "hotelId",
  hotel_owner_id AS "hotelOwnerId", check_in AS "checkIn", check_out AS "checkOut", guests,
  status, version, total_price_amount AS "totalPriceAmount", currency,
  idempotency_key AS "idempotencyKey", hold_expires_at AS "holdExpiresAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** $1: ids. */
export const bookingsById = readStatement<Booking>(
  'bookings_by_id',
  `SELECT ${BOOKING} FROM bookings WHERE id = ANY($1::uuid[])`,
);

/**
 * $1: guest ids (a repeated one counts once), $2: the id after which a page starts (null: from
 * the newest), $3: a status (null: all), $4: rows per guest. Newest first (ids are uuid v7: id
 * order is creation order). Each row also carries `total`, its guest's bookings (of the
 * status) cursor or not: what booking_counts answers, so that a page and its totalCount take
 * one statement. Per guest (LATERAL), so that a page reads its own rows rather than sorting
 * and numbering every booking of the guest (a traveler of the seed has about 160: 0.78 ms of
 * PostgreSQL's CPU per statement that way, 0.31 this way).
 */
export const bookingPages = readStatement<Booking & { total: number }>(
  'booking_pages',
  `SELECT page.*, counted.total
   FROM (SELECT DISTINCT id FROM unnest($1::uuid[]) AS ids(id)) AS guest
   CROSS JOIN LATERAL (
     SELECT count(*)::int AS total FROM bookings
     WHERE guest_id = guest.id AND ($3::"BookingStatus" IS NULL OR status = $3::"BookingStatus")
   ) counted
   CROSS JOIN LATERAL (
     SELECT ${BOOKING} FROM bookings
     WHERE guest_id = guest.id
       AND ($3::"BookingStatus" IS NULL OR status = $3::"BookingStatus")
       AND ($2::uuid IS NULL OR id < $2::uuid)
     ORDER BY id DESC
     LIMIT $4::int
   ) page
   ORDER BY guest.id, page.id DESC`,
);

/** $1: guest ids, $2: a status (null: all). Guests without bookings have no row. */
export const bookingCounts = readStatement<{ guestId: string; count: number }>(
  'booking_counts',
  `SELECT guest_id AS "guestId", count(*)::int AS count
   FROM bookings
   WHERE guest_id = ANY($1::uuid[]) AND ($2::"BookingStatus" IS NULL OR status = $2::"BookingStatus")
   GROUP BY guest_id`,
);
