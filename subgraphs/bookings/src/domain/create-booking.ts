import { AppError, errors } from '@travel/errors';
import type { EntityChanges } from '@travel/service-kit';
import type { Db } from '../db.ts';
import type { Booking } from '../generated/prisma/client.ts';
import type { HotelsClient } from '../hotels-client/hotels-client.ts';
import type { BookingMetrics } from '../metrics/booking-metrics.ts';
import { bookingByKey } from './booking-by-key.ts';
import { bookingChange } from './booking-change.ts';
import {
  type BookingRequest,
  checkBookingDates,
  checkGuests,
  checkIdempotencyKey,
  holdExpiry,
  isSameRequest,
  totalPrice,
} from './booking-rules.ts';
import { reserveRooms } from './reserve-rooms.ts';

export interface CreateBookingDeps {
  db: Db;
  hotels: HotelsClient;
  /** Announces the new booking (ctx.changed): invalidations and one event, after the commit. */
  changed: EntityChanges['changed'];
  /** Counts the bookings made (retries answered with the first booking are not). */
  metrics: Pick<BookingMetrics, 'created'>;
  /** Minutes a PENDING booking holds its rooms. */
  holdMinutes: number;
  /** The clock; default the system's. Tests move it. */
  now?: () => Date;
  requestId?: string;
  /** The request's signal: the call to hotels stops with the request. */
  signal?: AbortSignal;
}

/**
 * Books a room type for `guestId` as PENDING, holding the rooms for `holdMinutes`. The same
 * (guest, idempotencyKey) always answers the first booking, also when retries race.
 */
export async function createBooking(
  deps: CreateBookingDeps,
  guestId: string,
  request: BookingRequest,
): Promise<Booking> {
  const { db, hotels, changed, metrics } = deps;
  checkIdempotencyKey(request.idempotencyKey);
  const previous = await findByKey(db, guestId, request.idempotencyKey);
  if (previous) return replay(previous, request);

  const now = deps.now?.() ?? new Date();
  const nights = checkBookingDates(request, now);
  const roomType = await hotels.roomType(request.roomTypeId, {
    requestId: deps.requestId,
    signal: deps.signal,
  });
  if (!roomType) throw errors.notFound('RoomType', request.roomTypeId);
  checkGuests(request.guests, roomType.maxGuests);
  if (roomType.totalRooms < 1) {
    throw new AppError('This room type has no rooms to book', 'NO_AVAILABILITY');
  }

  const data = {
    guestId,
    roomTypeId: roomType.id,
    hotelId: roomType.hotelId,
    hotelOwnerId: roomType.hotelOwnerId,
    checkIn: request.checkIn,
    checkOut: request.checkOut,
    guests: request.guests,
    totalPriceAmount: totalPrice(roomType.nightlyRate.amount, nights),
    currency: roomType.nightlyRate.currency,
    idempotencyKey: request.idempotencyKey,
    createdAt: now,
    holdExpiresAt: holdExpiry(now, deps.holdMinutes),
  };
  const reservation = await reserveRooms(db, data, roomType.totalRooms);
  if (!reservation) {
    // The same key raced in for another room type (another lock): the first insert won.
    const winner = await findByKey(db, guestId, request.idempotencyKey);
    if (!winner) throw new Error('a booking took the idempotency key but can not be found');
    return replay(winner, request);
  }
  const { booking, created } = reservation;
  if (!created) return replay(booking, request);
  metrics.created();
  await changed(bookingChange(booking, true));
  return booking;
}

async function findByKey(db: Db, guestId: string, idempotencyKey: string) {
  const [booking] = await db.$reads.rows(bookingByKey, [guestId, idempotencyKey]);
  return booking;
}

/** A retry gets the first booking; the key reused for a different request is refused. */
function replay(booking: Booking, request: BookingRequest): Booking {
  if (isSameRequest(booking, request)) return booking;
  throw errors.badInput(
    'input.idempotencyKey was already used for a different booking request',
    'input.idempotencyKey',
  );
}
