import { parseInput } from '@travel/subgraph-kit';
import { describe, expect, it } from 'vitest';
import { cityKeyOf, hotelSearchInput, hotelSearchWhere } from './search.ts';

const where = (input: object) => hotelSearchWhere(parseInput(hotelSearchInput, input, 'input'));

describe('hotelSearchWhere', () => {
  it('matches everything without filters', () => {
    expect(where({})).toEqual({});
  });

  it('matches cities by their key, whatever the case and spacing', () => {
    expect(cityKeyOf('  New York ')).toBe('new york');
    expect(where({ city: 'LISBON ' })).toEqual({ cityKey: 'lisbon' });
  });

  it('filters country (upper-cased) and a minimum star rating', () => {
    expect(where({ country: 'pt', minStarRating: 4 })).toEqual({
      country: 'PT',
      starRating: { gte: 4 },
    });
  });

  it('asks ONE room type to hold the guests and fit the rate', () => {
    expect(where({ guests: 3, maxNightlyRate: 15000 })).toEqual({
      roomTypes: { some: { maxGuests: { gte: 3 }, nightlyRateAmount: { lte: 15000 } } },
    });
  });

  it('filters on guests or rate alone', () => {
    expect(where({ guests: 2 })).toEqual({ roomTypes: { some: { maxGuests: { gte: 2 } } } });
    expect(where({ maxNightlyRate: 0 })).toEqual({
      roomTypes: { some: { nightlyRateAmount: { lte: 0 } } },
    });
  });

  it('ignores filters given as null', () => {
    expect(where({ city: null, guests: null })).toEqual({});
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
