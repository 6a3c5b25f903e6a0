import { lazyLoaders } from '@travel/service-kit';
import { createHotelLoaders } from './hotel-loaders.ts';
import { createReviewLoaders } from './review-loaders.ts';
import { createRoomTypeLoaders } from './room-type-loaders.ts';

/** Every DataLoader of one request, each group made when first used. */
export const createLoaders = lazyLoaders(
  createHotelLoaders,
  createRoomTypeLoaders,
  createReviewLoaders,
);

export type Loaders = ReturnType<typeof createLoaders>;
