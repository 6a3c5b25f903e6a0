import { z } from 'zod';
import { countryCode, currencyCode, intBetween, text } from './validation.ts';

export const createHotelInput = z.object({
  name: text(1, 200),
  description: text(0, 5000),
  city: text(1, 100),
  country: countryCode,
  starRating: intBetween(1, 5),
  amenities: z
    .array(text(1, 50))
    .max(50, 'must have at most 50 items')
    .nullish()
    // Duplicates carry no meaning; keep the first of each.
    .transform((items) => [...new Set(items ?? [])]),
});
export type CreateHotel = z.infer<typeof createHotelInput>;

// Upper bounds catch typos (an extra zero) long before the 32-bit column would.
export const roomTypeInput = z.object({
  name: text(1, 200),
  maxGuests: intBetween(1, 50),
  totalRooms: intBetween(1, 10_000),
  /** minor units: at most 10 000 000.00 of any currency a night */
  nightlyRate: intBetween(1, 1_000_000_000),
  currency: currencyCode,
});
export type RoomTypeData = z.infer<typeof roomTypeInput>;

export const reviewInput = z.object({
  rating: intBetween(1, 5),
  comment: z
    .string()
    .trim()
    .max(2000, 'must be at most 2000 characters')
    .nullish()
    // An empty comment is no comment.
    .transform((comment) => comment || null),
});
export type ReviewData = z.infer<typeof reviewInput>;
