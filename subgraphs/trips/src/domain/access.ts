import type { Viewer } from '@travel/auth';
import { errors } from '@travel/errors';

/** A trip is private to its owner; an ADMIN may see it too (support). */
export function canViewTrip(viewer: Viewer | null, trip: { ownerId: string }): boolean {
  if (!viewer) return false;
  return viewer.role === 'ADMIN' || viewer.userId === trip.ownerId;
}

/** `User.trips`: the user themself or an ADMIN. */
export function canListTripsOf(viewer: Viewer | null, userId: string): boolean {
  return canViewTrip(viewer, { ownerId: userId });
}

/**
 * Only a trip's owner changes it or its items. A trip the viewer may not even see answers
 * NOT_FOUND, exactly like an unknown id: probing ids must not reveal that someone else's trip
 * exists. An ADMIN, who may see the trip, is told FORBIDDEN.
 */
export function assertTripOwner<T extends { ownerId: string }>(
  viewer: Viewer,
  trip: T | null,
  what: string,
  id: string,
): T {
  if (!trip || !canViewTrip(viewer, trip)) throw errors.notFound(what, id);
  if (trip.ownerId !== viewer.userId) throw errors.forbidden(`Only the trip's owner may change it`);
  return trip;
}
