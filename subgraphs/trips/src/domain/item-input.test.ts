import { parseInput } from '@travel/service-kit';
import { describe, expect, it } from 'vitest';
import { ItineraryItemSchema } from './item-input.ts';

const BOOKING = '0193A0B2-1111-7000-8000-000000000001';
const valid = { kind: 'STAY', title: 'Hotel', startsAt: null, notes: null };

function refusal(input: object) {
  try {
    parseInput(ItineraryItemSchema, { ...valid, ...input }, 'input');
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
    [{ title: '' }, 'input.title', 'input.title must not be empty'],
    [{ title: 't'.repeat(201) }, 'input.title', 'input.title must be at most 200 characters'],
    [{ notes: 'n'.repeat(5001) }, 'input.notes', 'input.notes must be at most 5000 characters'],
    [{ hotelId: 'hotel-1' }, 'input.hotelId', 'input.hotelId must be a hotel id (a UUID)'],
    [{ bookingId: '42' }, 'input.bookingId', 'input.bookingId is not one of your bookings'],
    [{ kind: 'HIKE' }, 'input.kind', 'input.kind is not an itinerary item kind'],
  ])('refuses %o naming %s', (input, field, message) => {
    expect(refusal(input)).toMatchObject({
      message,
      extensions: { code: 'BAD_USER_INPUT', field },
    });
  });
});
