import { describe, expect, it } from 'vitest';
import { withoutSchemaHints } from './schema-hints.ts';

describe('withoutSchemaHints', () => {
  it.each([
    [
      'Cannot query field "searchHotel" on type "Query". Did you mean "searchHotels"?',
      'Cannot query field "searchHotel" on type "Query".',
    ],
    [
      'Variable "$s" got invalid value "CONFIRMD"; Value "CONFIRMD" does not exist in "BookingStatus" enum. Did you mean the enum value "CONFIRMED"?',
      'Variable "$s" got invalid value "CONFIRMD"; Value "CONFIRMD" does not exist in "BookingStatus" enum.',
    ],
    [
      'Unknown argument "firs" on field "Query.searchHotels". Did you mean "first", "after", or "input"?',
      'Unknown argument "firs" on field "Query.searchHotels".',
    ],
    ['Expected value of type "Int!", found "x".', 'Expected value of type "Int!", found "x".'],
  ])('%s', (message, expected) => {
    expect(withoutSchemaHints(message)).toBe(expected);
  });
});
