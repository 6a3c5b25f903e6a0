import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db.ts';
import type { Prisma } from '../src/generated/prisma/client.ts';

/**
 * Inserts a booking row as stored, no booking rule checked (a test's fixture, not a
 * reservation): `row` over a PENDING one-night stay of one guest whose ids are all fresh.
 */
export function insertBooking(db: Db, row: Partial<Prisma.BookingUncheckedCreateInput> = {}) {
  return db.booking.create({
    data: {
      guestId: randomUUID(),
      roomTypeId: randomUUID(),
      hotelId: randomUUID(),
      hotelOwnerId: randomUUID(),
      checkIn: new Date('2030-01-01T00:00:00Z'),
      checkOut: new Date('2030-01-02T00:00:00Z'),
      guests: 1,
      totalPriceAmount: 100,
      currency: 'EUR',
      idempotencyKey: randomUUID(),
      ...row,
    },
  });
}
