import { errors } from '@travel/errors';

/** Longest stay one booking may cover. */
export const MAX_NIGHTS = 30;
/** Longest range `availableRooms` answers for, so one question can not scan years. */
export const MAX_AVAILABILITY_NIGHTS = 366;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
/** Money.amount is a GraphQL Int: a total must fit in 32 bits. */
const MAX_AMOUNT = 2_147_483_647;
const DAY_MS = 86_400_000;

export interface BookingRequest {
  roomTypeId: string;
  /** UTC midnight of the first night */
  checkIn: Date;
  /** UTC midnight of the day of departure */
  checkOut: Date;
  guests: number;
  idempotencyKey: string;
}

/** The date part (UTC) of `date`, as `YYYY-MM-DD`. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** UTC midnight of the day `now` falls on. */
export function utcDay(now: Date): Date {
  return new Date(`${isoDate(now)}T00:00:00.000Z`);
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

/** Nights of `[checkIn, checkOut)`. */
export function nightsOf(checkIn: Date, checkOut: Date): number {
  return Math.round((checkOut.getTime() - checkIn.getTime()) / DAY_MS);
}

/**
 * A range of nights `[checkIn, checkOut)`: at least one night, at most `maxNights`. `prefix`
 * names the arguments in the error (`input.checkOut`), so a client can point at the field.
 */
export function checkStay(checkIn: Date, checkOut: Date, maxNights: number, prefix = ''): number {
  const nights = nightsOf(checkIn, checkOut);
  const field = `${prefix}checkOut`;
  if (nights < 1) throw errors.badInput(`${field} must be after checkIn`, field);
  if (nights > maxNights) {
    throw errors.badInput(`${field} must be at most ${maxNights} nights after checkIn`, field);
  }
  return nights;
}

export function checkIdempotencyKey(key: string): void {
  if (key.trim().length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw errors.badInput(
      `input.idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
      'input.idempotencyKey',
    );
  }
}

/** The rules that need no room type: dates, nights and a positive guest count. */
export function checkBookingDates(request: BookingRequest, now: Date): number {
  if (request.checkIn.getTime() < utcDay(now).getTime()) {
    throw errors.badInput('input.checkIn must not be in the past', 'input.checkIn');
  }
  const nights = checkStay(request.checkIn, request.checkOut, MAX_NIGHTS, 'input.');
  if (!Number.isInteger(request.guests) || request.guests < 1) {
    throw errors.badInput('input.guests must be at least 1', 'input.guests');
  }
  return nights;
}

export function checkGuests(guests: number, maxGuests: number): void {
  if (guests > maxGuests) {
    throw errors.badInput(
      `input.guests must be at most ${maxGuests} for this room type`,
      'input.guests',
    );
  }
}

/** Nightly rate x nights, in minor units; refused when it can not be represented. */
export function totalPrice(nightlyRate: number, nights: number): number {
  const total = nightlyRate * nights;
  if (!Number.isSafeInteger(total) || total > MAX_AMOUNT) {
    throw errors.badInput('input.checkOut makes the total price too large', 'input.checkOut');
  }
  return total;
}

export function holdExpiry(createdAt: Date, holdMinutes: number): Date {
  return new Date(createdAt.getTime() + holdMinutes * 60_000);
}

/** Whether a stored booking answers the same request (a retry) or another one (a misuse). */
export function isSameRequest(
  booking: Pick<BookingRequest, 'roomTypeId' | 'checkIn' | 'checkOut' | 'guests'>,
  request: BookingRequest,
): boolean {
  return (
    booking.roomTypeId.toLowerCase() === request.roomTypeId.toLowerCase() &&
    isoDate(booking.checkIn) === isoDate(request.checkIn) &&
    isoDate(booking.checkOut) === isoDate(request.checkOut) &&
    booking.guests === request.guests
  );
}
