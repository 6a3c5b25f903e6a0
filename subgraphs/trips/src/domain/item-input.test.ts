import { describe, expect, it } from 'vitest';
import { ItineraryItemSchema } from './item-input.ts';
import { parseInput } from './validation.ts';

const BOOKING = '0193A0B2-1111-7000-8000-000000000001';
const valid = { kind: 'STAY', title: 'Hotel', startsAt: null, notes: null };

function refusal(input: object) {
  try {
    parseInput(ItineraryItemSchema, { ...valid, ...input });
  } catch (error) {
    return error as { message: string; extensions: Record<string, unknown> };
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('ItineraryItemSchema', () => {
  it('fills absent optionals with null and lower-cases ids', () => {
    expect(
      parseInput(ItineraryItemSchema, { kind: 'NOTE', title: ' Pack ', bookingId: BOOKING }),
    ).toEqual({
      kind: 'NOTE',
      title: 'Pack',
      startsAt: null,
      notes: null,
      bookingId: BOOKING.toLowerCase(),
      hotelId: null,
    });
  });

  it('accepts notes of exactly 5000 characters', () => {
    expect(() =>
      parseInput(ItineraryItemSchema, { ...valid, notes: 'n'.repeat(5000) }),
    ).not.toThrow();
  });

  it.each([
    [{ title: '' }, 'title', 'title must not be empty'],
    [{ title: 't'.repeat(201) }, 'title', 'title must be at most 200 characters'],
    [{ notes: 'n'.repeat(5001) }, 'notes', 'notes must be at most 5000 characters'],
    [{ hotelId: 'hotel-1' }, 'hotelId', 'hotelId must be a hotel id (a UUID)'],
    [{ bookingId: '42' }, 'bookingId', 'bookingId is not one of your bookings'],
  ])('refuses %o naming %s', (input, field, message) => {
    expect(refusal(input)).toMatchObject({
      message,
      extensions: { code: 'BAD_USER_INPUT', field },
    });
  });
});
