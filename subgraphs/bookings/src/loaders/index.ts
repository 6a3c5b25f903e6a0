import type { Db } from '../db.ts';
import { createAvailabilityLoaders } from './availability-loaders.ts';
import { createBookingLoaders } from './booking-loaders.ts';

/** Every DataLoader of one request. */
export function createLoaders(db: Db) {
  return {
    ...createBookingLoaders(db),
    ...createAvailabilityLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
