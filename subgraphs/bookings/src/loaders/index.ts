import { lazyLoaders } from '@travel/service-kit';
import { createAvailabilityLoaders } from './availability-loaders.ts';
import { createBookingLoaders } from './booking-loaders.ts';

/** Every DataLoader of one request, each group made when first used. */
export const createLoaders = lazyLoaders(createBookingLoaders, createAvailabilityLoaders);

export type Loaders = ReturnType<typeof createLoaders>;
