import { lazyLoaders } from '@travel/service-kit';
import { createItineraryItemLoaders } from './itinerary-item-loaders.ts';
import { createTripLoaders } from './trip-loaders.ts';

/** Every DataLoader of one request, each group made when first used. */
export const createLoaders = lazyLoaders(createTripLoaders, createItineraryItemLoaders);

export type Loaders = ReturnType<typeof createLoaders>;
