import type { Viewer } from '@travel/auth';

/** A hotel's catalogue is changed by its owner, or by an ADMIN. */
export function canManageHotel(viewer: Viewer | null, hotel: { ownerId: string }): boolean {
  if (!viewer) return false;
  return viewer.role === 'ADMIN' || viewer.userId === hotel.ownerId;
}
