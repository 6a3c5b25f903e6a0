import { AppError } from '@travel/errors';
import type { Db } from '../db.ts';
import { type Booking, Prisma } from '../generated/prisma/client.ts';
import { peakBookedRooms } from './occupancy.ts';

/** First key of the two-key advisory lock: keeps our locks apart from anyone else's. */
const ROOM_TYPE_LOCK_SPACE = 0x626b; // "bk"

export type NewBooking = Prisma.BookingUncheckedCreateInput & {
  roomTypeId: string;
  guestId: string;
  idempotencyKey: string;
  checkIn: Date;
  checkOut: Date;
};

export interface Reservation {
  booking: Booking;
  /** false when the guest's idempotency key already named a booking (a retry). */
  created: boolean;
}

/**
 * Inserts `data` unless a night of its stay is full, never overbooking however many requests
 * race: inside one transaction it takes a transaction-scoped advisory lock on the room type
 * (bookings of one room type queue here; others do not wait), then counts every night with
 * ONE statement that runs after the lock (READ COMMITTED: it sees every booking committed
 * before), then inserts; the lock is released by the commit.
 */
export async function reserveRooms(
  db: Db,
  data: NewBooking,
  totalRooms: number,
): Promise<Reservation> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROOM_TYPE_LOCK_SPACE}::int, hashtext(${data.roomTypeId}))`;
      // A concurrent retry that waited on the lock finds the first booking here, instead of
      // finding the nights it filled and answering NO_AVAILABILITY.
      const existing = await tx.booking.findUnique({
        where: {
          guestId_idempotencyKey: { guestId: data.guestId, idempotencyKey: data.idempotencyKey },
        },
      });
      if (existing) return { booking: existing, created: false };
      const peak = await peakBookedRooms(tx, [data.roomTypeId], data.checkIn, data.checkOut);
      if ((peak.get(data.roomTypeId) ?? 0) >= totalRooms) {
        throw new AppError(
          'This room type is fully booked on at least one night of the stay',
          'NO_AVAILABILITY',
        );
      }
      return { booking: await tx.booking.create({ data }), created: true };
    },
    // Requests for one room type wait their turn on the lock; give them time to get through.
    { maxWait: 10_000, timeout: 10_000 },
  );
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
