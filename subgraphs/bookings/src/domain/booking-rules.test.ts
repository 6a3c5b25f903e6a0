import { describe, expect, it } from 'vitest';
import {
  type BookingRequest,
  checkBookingDates,
  checkGuests,
  checkIdempotencyKey,
  isSameRequest,
  nightsOf,
  totalPrice,
} from './booking-rules.ts';

const now = new Date('2026-11-21T23:59:00.000Z');
const date = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const request = (change: Partial<BookingRequest> = {}): BookingRequest => ({
  roomTypeId: '0193aaaa-0000-7000-8000-000000000001',
  checkIn: date('2026-11-21'),
  checkOut: date('2026-11-23'),
  guests: 2,
  idempotencyKey: 'k',
  ...change,
});

function fieldOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return (error as { extensions: { code: string; field?: string } }).extensions;
  }
  throw new Error('expected an error');
}

describe('booking rules', () => {
  it('counts the nights of [checkIn, checkOut), also across a DST change', () => {
    expect(nightsOf(date('2026-03-28'), date('2026-03-30'))).toBe(2);
    expect(checkBookingDates(request(), now)).toBe(2);
  });

  it('accepts check-in today (UTC) and refuses yesterday', () => {
    expect(fieldOf(() => checkBookingDates(request({ checkIn: date('2026-11-20') }), now))).toEqual(
      {
        code: 'BAD_USER_INPUT',
        field: 'input.checkIn',
      },
    );
  });

  it.each([
    ['2026-11-21', 'input.checkOut', 'input.checkOut must be after checkIn'],
    ['2026-12-22', 'input.checkOut', 'input.checkOut must be at most 30 nights after checkIn'],
  ])('refuses checkOut %s', (checkOut, field, message) => {
    const run = () => checkBookingDates(request({ checkOut: date(checkOut) }), now);
    expect(fieldOf(run)).toEqual({ code: 'BAD_USER_INPUT', field });
    // Like every BAD_USER_INPUT from input validation: "<field> <predicate>".
    expect(run).toThrow(message);
  });

  it('allows exactly 30 nights', () => {
    expect(checkBookingDates(request({ checkOut: date('2026-12-21') }), now)).toBe(30);
  });

  it('checks guests against 1 and the room type', () => {
    expect(fieldOf(() => checkBookingDates(request({ guests: 0 }), now))).toMatchObject({
      field: 'input.guests',
    });
    expect(() => checkGuests(2, 2)).not.toThrow();
    expect(fieldOf(() => checkGuests(3, 2))).toMatchObject({ field: 'input.guests' });
    expect(() => checkGuests(3, 2)).toThrow('input.guests must be at most 2 for this room type');
  });

  it('bounds the idempotency key to 1..200 characters', () => {
    expect(() => checkIdempotencyKey('k'.repeat(200))).not.toThrow();
    for (const key of ['', '   ', 'k'.repeat(201)]) {
      expect(fieldOf(() => checkIdempotencyKey(key))).toMatchObject({
        field: 'input.idempotencyKey',
      });
    }
  });

  it('prices nightly rate x nights and refuses totals a GraphQL Int can not hold', () => {
    expect(totalPrice(12_345, 3)).toBe(37_035);
    expect(() => totalPrice(1_000_000_000, 3)).toThrow(/too large/);
  });

  it('tells a retry from a reused key', () => {
    const stored = request();
    expect(isSameRequest(stored, request({ idempotencyKey: 'k' }))).toBe(true);
    expect(isSameRequest(stored, request({ guests: 1 }))).toBe(false);
    expect(isSameRequest(stored, request({ checkOut: date('2026-11-24') }))).toBe(false);
  });
});
