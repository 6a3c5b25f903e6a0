import { lazyLoaders } from '@travel/service-kit';
import { createHotelDetailsLoaders } from './hotel-details-loaders.ts';
import { createHotelLoaders } from './hotel-loaders.ts';
import { createReviewLoaders } from './review-loaders.ts';
import { createRoomTypeLoaders } from './room-type-loaders.ts';

/** Every DataLoader of one request, each group made when first used. */
export const createLoaders = lazyLoaders(
  createHotelLoaders,
  createHotelDetailsLoaders,
  createRoomTypeLoaders,
  createReviewLoaders,
);

export type Loaders = ReturnType<typeof createLoaders>;
