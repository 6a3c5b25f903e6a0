import { z } from 'zod';
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

/** The filter of `searchHotels` as SQL conditions on `hotels`, with their values ($1 …). */
export interface HotelSearchFilter {
  /** Which filters are set (`city_guests` …): names the statement, one per combination. */
  key: string;
  conditions: string[];
  values: unknown[];
}

/**
 * The filter of `searchHotels`. Guests and rate go into ONE `EXISTS`, so a single room type
 * must satisfy both: a cheap single room and an expensive family suite do not add up to a
 * match. Only the filters given become conditions, so each combination's statement can use
 * the indexes (a generic plan of `$1 IS NULL OR city_key = $1` could not).
 */
export function hotelSearchFilter(search: HotelSearch): HotelSearchFilter {
  const filter: HotelSearchFilter = { key: '', conditions: [], values: [] };
  const names: string[] = [];
  const param = (value: unknown) => `$${filter.values.push(value)}`;
  if (search.city != null) {
    names.push('city');
    filter.conditions.push(`city_key = ${param(cityKeyOf(search.city))}`);
  }
  if (search.country != null) {
    names.push('country');
    filter.conditions.push(`country = ${param(search.country)}`);
  }
  if (search.minStarRating != null) {
    names.push('stars');
    filter.conditions.push(`star_rating >= ${param(search.minStarRating)}::int`);
  }
  const roomType: string[] = [];
  if (search.guests != null) {
    names.push('guests');
    roomType.push(`rt.max_guests >= ${param(search.guests)}::int`);
  }
  if (search.maxNightlyRate != null) {
    names.push('rate');
    roomType.push(`rt.nightly_rate_amount <= ${param(search.maxNightlyRate)}::int`);
  }
  if (roomType.length > 0) {
    filter.conditions.push(
      `EXISTS (SELECT 1 FROM room_types rt WHERE rt.hotel_id = hotels.id AND ${roomType.join(' AND ')})`,
    );
  }
  filter.key = names.join('_') || 'all';
  return filter;
}
