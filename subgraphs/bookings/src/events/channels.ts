/**
 * Pub/sub channels the bookings subgraph publishes on. With REDIS_URL they are Redis channels
 * of these exact names (graphql-redis-subscriptions uses the trigger name as the channel), so
 * every router instance can subscribe; without it they live in one process.
 *
 * `bookings:booking-changed` — one message per status change of a booking (created as
 * PENDING, confirmed, cancelled, or cancelled by the hold sweeper), sent AFTER the change is
 * committed. Payload: `BookingChanged`. Subscribers re-read the booking for anything else:
 * the event is a notice, not the data, so it carries nothing a subscriber may not see.
 * `roomTypeId` lets the router's response cache drop the room type's cached availability when
 * no request carried the change (the hold sweeper).
 */
export const BOOKING_CHANGED = 'bookings:booking-changed';

export type BookingStatusName = 'PENDING' | 'CONFIRMED' | 'CANCELLED';

export interface BookingChanged {
  bookingId: string;
  guestId: string;
  hotelId: string;
  roomTypeId: string;
  status: BookingStatusName;
}
