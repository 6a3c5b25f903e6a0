import { parseInput } from '@travel/service-kit';
import { describe, expect, it } from 'vitest';
import { createHotelInput, reviewInput, roomTypeInput } from './catalogue-input.ts';
import { COUNTRY_CODE_COUNT, isCountryCode } from './country-codes.ts';

const hotel = {
  name: 'Casa Azul',
  description: 'By the river',
  city: 'Lisbon',
  country: 'PT',
  starRating: 4,
  amenities: ['wifi'],
};
const roomType = {
  name: 'Double',
  maxGuests: 2,
  totalRooms: 10,
  nightlyRate: 12000,
  currency: 'EUR',
};

function badField(schema: Parameters<typeof parseInput>[0], value: unknown) {
  try {
    parseInput(schema, value, 'input');
  } catch (error) {
    return (error as { extensions: { code: string; field: string } }).extensions;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('country codes', () => {
  it('holds the 249 assigned ISO 3166-1 alpha-2 codes', () => {
    expect(COUNTRY_CODE_COUNT).toBe(249);
    for (const code of ['PT', 'GB', 'US', 'SS', 'AX', 'BQ']) expect(isCountryCode(code)).toBe(true);
  });

  it.each(['UK', 'EU', 'XK', 'ZZ', 'UN', 'pt', 'PRT', ''])('refuses %j', (code) => {
    expect(isCountryCode(code)).toBe(false);
  });
});

describe('createHotelInput', () => {
  it('normalizes country case, trims text and drops duplicate amenities', () => {
    const parsed = parseInput(
      createHotelInput,
      { ...hotel, name: '  Casa Azul ', country: 'pt', amenities: ['wifi', 'wifi', 'pool'] },
      'input',
    );
    expect(parsed).toMatchObject({ name: 'Casa Azul', country: 'PT', amenities: ['wifi', 'pool'] });
  });

  it('defaults amenities to none', () => {
    expect(parseInput(createHotelInput, { ...hotel, amenities: null }).amenities).toEqual([]);
  });

  it.each([
    [{ starRating: 0 }, 'input.starRating'],
    [{ starRating: 6 }, 'input.starRating'],
    [{ name: '   ' }, 'input.name'],
    [{ name: 'x'.repeat(201) }, 'input.name'],
    [{ description: 'x'.repeat(5001) }, 'input.description'],
    [{ city: '' }, 'input.city'],
    [{ city: 'x'.repeat(101) }, 'input.city'],
    [{ country: 'UK' }, 'input.country'],
    [{ country: 'XX' }, 'input.country'],
    [{ amenities: Array.from({ length: 51 }, (_, i) => `a${i}`) }, 'input.amenities'],
    [{ amenities: ['wifi', ''] }, 'input.amenities.1'],
    [{ amenities: ['x'.repeat(51)] }, 'input.amenities.0'],
  ])('refuses %j naming %s', (change, field) => {
    expect(badField(createHotelInput, { ...hotel, ...change })).toEqual({
      code: 'BAD_USER_INPUT',
      field,
    });
  });
});

describe('roomTypeInput', () => {
  it('accepts a room type and upper-cases the currency', () => {
    expect(parseInput(roomTypeInput, { ...roomType, currency: 'eur' }).currency).toBe('EUR');
  });

  it.each([
    [{ currency: 'EURO' }, 'input.currency'],
    [{ currency: 'ABC' }, 'input.currency'],
    [{ maxGuests: 0 }, 'input.maxGuests'],
    [{ maxGuests: 51 }, 'input.maxGuests'],
    [{ totalRooms: -1 }, 'input.totalRooms'],
    [{ totalRooms: 10_001 }, 'input.totalRooms'],
    [{ nightlyRate: 0 }, 'input.nightlyRate'],
    [{ nightlyRate: 1.5 }, 'input.nightlyRate'],
  ])('refuses %j naming %s', (change, field) => {
    expect(badField(roomTypeInput, { ...roomType, ...change })).toMatchObject({ field });
  });
});

describe('reviewInput', () => {
  it('keeps a rating and turns an empty comment into none', () => {
    expect(parseInput(reviewInput, { rating: 5, comment: '  ' })).toEqual({
      rating: 5,
      comment: null,
    });
  });

  it.each([
    [{ rating: 0 }, 'rating'],
    [{ rating: 6 }, 'rating'],
    [{ rating: 3, comment: 'x'.repeat(2001) }, 'comment'],
  ])('refuses %j naming %s', (value, field) => {
    expect(() => parseInput(reviewInput, value)).toThrow(
      expect.objectContaining({
        extensions: { code: 'BAD_USER_INPUT', field },
      }),
    );
  });
});
