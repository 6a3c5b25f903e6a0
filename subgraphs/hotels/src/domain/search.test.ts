import { parseInput } from '@travel/service-kit';
import { describe, expect, it } from 'vitest';
import { cityKeyOf, hotelSearchFilter, hotelSearchInput } from './search.ts';

const where = (input: object) => hotelSearchFilter(parseInput(hotelSearchInput, input, 'input'));

describe('hotelSearchFilter', () => {
  it('matches everything without filters', () => {
    expect(where({})).toEqual({ key: 'all', conditions: [], values: [] });
  });

  it('matches cities by their key, whatever the case and spacing', () => {
    expect(cityKeyOf('  New York ')).toBe('new york');
    expect(where({ city: 'LISBON ' })).toEqual({
      key: 'city',
      conditions: ['city_key = $1'],
      values: ['lisbon'],
    });
  });

  it('filters country (upper-cased) and a minimum star rating', () => {
    expect(where({ country: 'pt', minStarRating: 4 })).toEqual({
      key: 'country_stars',
      conditions: ['country = $1', 'star_rating >= $2::int'],
      values: ['PT', 4],
    });
  });

  it('asks ONE room type to hold the guests and fit the rate', () => {
    expect(where({ city: 'Lisbon', guests: 3, maxNightlyRate: 15000 })).toEqual({
      key: 'city_guests_rate',
      conditions: [
        'city_key = $1',
        'EXISTS (SELECT 1 FROM room_types rt WHERE rt.hotel_id = hotels.id AND rt.max_guests >= $2::int AND rt.nightly_rate_amount <= $3::int)',
      ],
      values: ['lisbon', 3, 15000],
    });
  });

  it('filters on guests or rate alone', () => {
    expect(where({ guests: 2 }).conditions).toEqual([
      'EXISTS (SELECT 1 FROM room_types rt WHERE rt.hotel_id = hotels.id AND rt.max_guests >= $1::int)',
    ]);
    expect(where({ maxNightlyRate: 0 })).toMatchObject({ key: 'rate', values: [0] });
  });

  it('ignores filters given as null', () => {
    expect(where({ city: null, guests: null })).toEqual({ key: 'all', conditions: [], values: [] });
  });

  it.each([
    [{ minStarRating: 0 }, 'input.minStarRating'],
    [{ minStarRating: 6 }, 'input.minStarRating'],
    [{ guests: 0 }, 'input.guests'],
    [{ maxNightlyRate: -1 }, 'input.maxNightlyRate'],
    [{ country: 'EU' }, 'input.country'],
    [{ city: ' ' }, 'input.city'],
  ])('refuses %j naming %s', (input, field) => {
    expect(() => where(input)).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field } }),
    );
  });
});
