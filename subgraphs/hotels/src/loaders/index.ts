import type { Db } from '../db.ts';
import { createHotelLoaders } from './hotel-loaders.ts';
import { createReviewLoaders } from './review-loaders.ts';
import { createRoomTypeLoaders } from './room-type-loaders.ts';

/** Every DataLoader of one request. */
export function createLoaders(db: Db) {
  return {
    ...createHotelLoaders(db),
    ...createRoomTypeLoaders(db),
    ...createReviewLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
