import type { Db } from '../db.ts';
import { createItineraryItemLoaders } from './itinerary-item-loaders.ts';
import { createTripLoaders } from './trip-loaders.ts';

/** Every DataLoader of one request. */
export function createLoaders(db: Db) {
  return { ...createTripLoaders(db), ...createItineraryItemLoaders(db) };
}

export type Loaders = ReturnType<typeof createLoaders>;
