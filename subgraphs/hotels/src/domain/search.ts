import { z } from 'zod';
import type { Prisma } from '../generated/prisma/client.ts';
import { countryCode, intBetween, text } from './validation.ts';

/** The search key of a city: what `cityKey` holds, so matching is case-insensitive and indexed. */
export function cityKeyOf(city: string): string {
  return city.trim().toLowerCase();
}

export const hotelSearchInput = z.object({
  city: text(1, 100).nullish(),
  country: countryCode.nullish(),
  minStarRating: intBetween(1, 5).nullish(),
  guests: intBetween(1, 1000).nullish(),
  maxNightlyRate: z.int().min(0, 'must not be negative').nullish(),
});
export type HotelSearch = z.infer<typeof hotelSearchInput>;

/**
 * The filter of `searchHotels`. Guests and rate go into ONE `some`, so a single room type must
 * satisfy both: a cheap single room and an expensive family suite do not add up to a match.
 */
export function hotelSearchWhere(search: HotelSearch): Prisma.HotelWhereInput {
  const where: Prisma.HotelWhereInput = {};
  if (search.city != null) where.cityKey = cityKeyOf(search.city);
  if (search.country != null) where.country = search.country;
  if (search.minStarRating != null) where.starRating = { gte: search.minStarRating };
  const roomType: Prisma.RoomTypeWhereInput = {};
  if (search.guests != null) roomType.maxGuests = { gte: search.guests };
  if (search.maxNightlyRate != null) roomType.nightlyRateAmount = { lte: search.maxNightlyRate };
  if (Object.keys(roomType).length > 0) where.roomTypes = { some: roomType };
  return where;
}
