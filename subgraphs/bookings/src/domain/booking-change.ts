import type { EntityChangeInput } from '@travel/service-kit';
import type { Booking } from '../generated/prisma/client.ts';

export type ChangedBooking = Pick<
  Booking,
  'id' | 'version' | 'status' | 'guestId' | 'hotelId' | 'roomTypeId'
>;

/**
 * What a booking's status change tells the router (DESIGN decision 14): the booking at its new
 * version with its status; followed by its guest and its hotel; stale: the room type's
 * availability and the guest's lists; a new booking joins the lists of bookings.
 */
export function bookingChange(booking: ChangedBooking, created = false): EntityChangeInput {
  return {
    entity: `Booking:${booking.id}`,
    version: booking.version,
    state: { status: booking.status },
    audience: [`User:${booking.guestId}`, `Hotel:${booking.hotelId}`],
    invalidates: [`RoomType:${booking.roomTypeId}`, `User:${booking.guestId}`],
    lists: created ? ['Booking'] : [],
  };
}
