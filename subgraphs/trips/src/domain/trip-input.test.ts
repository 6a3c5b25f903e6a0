import { parseInput } from '@travel/service-kit';
import { describe, expect, it } from 'vitest';
import { CreateTripSchema, tripDays } from './trip-input.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const valid = {
  title: '  Lisbon in spring ',
  destination: 'Lisbon',
  startDate: day('2027-04-01'),
  endDate: day('2027-04-05'),
};

function badField(input: object) {
  try {
    parseInput(CreateTripSchema, { ...valid, ...input }, 'input');
  } catch (error) {
    return error as { message: string; extensions: Record<string, unknown> };
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('CreateTripSchema', () => {
  it('accepts a trip and trims its texts', () => {
    expect(parseInput(CreateTripSchema, valid)).toEqual({ ...valid, title: 'Lisbon in spring' });
  });

  it('counts days with both ends included', () => {
    expect(tripDays(day('2027-04-01'), day('2027-04-01'))).toBe(1);
    expect(tripDays(day('2028-01-01'), day('2028-12-31'))).toBe(366);
  });

  it.each([
    [{ title: '   ' }, 'input.title', 'input.title must not be empty'],
    [{ title: 'x'.repeat(201) }, 'input.title', 'input.title must be at most 200 characters'],
    [{ destination: '' }, 'input.destination', 'input.destination must not be empty'],
    [
      { destination: 'x'.repeat(201) },
      'input.destination',
      'input.destination must be at most 200 characters',
    ],
    [{ endDate: day('2027-03-31') }, 'input.endDate', 'input.endDate must not be before startDate'],
    [
      { endDate: day('2028-04-01') },
      'input.endDate',
      'input.endDate must be at most 365 days after startDate',
    ],
  ])('refuses %o naming %s', (input, field, message) => {
    expect(badField(input)).toMatchObject({
      message,
      extensions: { code: 'BAD_USER_INPUT', field },
    });
  });

  it('accepts a one-day trip and a whole leap year', () => {
    expect(() =>
      parseInput(CreateTripSchema, { ...valid, endDate: valid.startDate }),
    ).not.toThrow();
    const leap = { startDate: day('2028-01-01'), endDate: day('2028-12-31') };
    expect(() => parseInput(CreateTripSchema, { ...valid, ...leap })).not.toThrow();
  });
});
