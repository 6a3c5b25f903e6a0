import { errors } from '@travel/errors';
import type { BookingsCaller, BookingsClient } from '../bookings/bookings-client.ts';
import { NOT_YOUR_BOOKING } from './item-input.ts';

/** Where addItineraryItem takes the booking; named like parseInput names a malformed one. */
const BOOKING_FIELD = 'input.bookingId';

/** A booking may be linked to a trip only if the trip's owner is its guest. */
export function isBookingOf(guestId: string | null, ownerId: string): boolean {
  return guestId !== null && guestId.toLowerCase() === ownerId.toLowerCase();
}

/**
 * Asks the bookings subgraph (never the client) who the booking's guest is, with the caller's
 * own token, and refuses the link unless it is the trip's owner. Unknown bookings and bookings
 * hidden from the caller get the same answer as someone else's.
 */
export async function assertBookingOfOwner(
  bookings: BookingsClient,
  bookingId: string,
  ownerId: string,
  caller: BookingsCaller,
): Promise<void> {
  const guestId = await bookings.guestIdOf(bookingId, caller);
  if (!isBookingOf(guestId, ownerId)) {
    throw errors.badInput(`${BOOKING_FIELD} ${NOT_YOUR_BOOKING}`, BOOKING_FIELD);
  }
}
