import type { Viewer } from '@travel/auth';
import { errors } from '@travel/errors';

/** Who a booking concerns: its guest and the owner of its hotel. */
export interface BookingParties {
  guestId: string;
  hotelOwnerId: string;
}

const isAdmin = (viewer: Viewer | null) => viewer?.role === 'ADMIN';

/** The guest, the hotel's owner or an ADMIN. */
export function canReadBooking(viewer: Viewer | null, booking: BookingParties): boolean {
  if (!viewer) return false;
  return (
    isAdmin(viewer) || viewer.userId === booking.guestId || viewer.userId === booking.hotelOwnerId
  );
}

/** Only the guest (or an ADMIN) commits to a stay. */
export function canConfirmBooking(viewer: Viewer | null, booking: BookingParties): boolean {
  if (!viewer) return false;
  return isAdmin(viewer) || viewer.userId === booking.guestId;
}

/** The guest may change their mind; the hotel's owner may turn a guest away. */
export const canCancelBooking = canReadBooking;

/** A user's list of bookings: that user or an ADMIN; UNAUTHENTICATED / FORBIDDEN otherwise. */
export function assertCanListBookingsOf(viewer: Viewer | null, userId: string): void {
  if (!viewer) throw errors.unauthenticated();
  if (!isAdmin(viewer) && viewer.userId !== userId) {
    throw errors.forbidden("Only this user or an ADMIN may list this user's bookings");
  }
}
