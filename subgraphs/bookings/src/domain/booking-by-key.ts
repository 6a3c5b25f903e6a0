import { readStatement } from '@travel/service-kit';
import type { Booking } from '../generated/prisma/client.ts';
import { BOOKING } from '../loaders/read-statements.ts';

/**
 * $1: guest id, $2: idempotency key. Every booking request looks its key up first (a retry is
 * answered without asking hotels), so it is a prepared statement, not a Prisma query.
 */
export const bookingByKey = readStatement<Booking>(
  'booking_by_key',
  `SELECT ${BOOKING} FROM bookings WHERE guest_id = $1::uuid AND idempotency_key = $2`,
);
