// GraphQL documents the int tests send, and a helper to book through the API.
import type { BookingsHarness } from './bookings.ts';

export const BOOKING_FIELDS = `id status checkIn checkOut guests
  totalPrice { amount currency } guest { id } roomType { id } hotel { id }
  createdAt updatedAt`;

export const CREATE_BOOKING = `mutation ($input: CreateBookingInput!) {
  createBooking(input: $input) { ${BOOKING_FIELDS} }
}`;
export const CONFIRM_BOOKING = `mutation ($id: ID!) { confirmBooking(id: $id) { ${BOOKING_FIELDS} } }`;
export const CANCEL_BOOKING = `mutation ($id: ID!) { cancelBooking(id: $id) { ${BOOKING_FIELDS} } }`;
export const BOOKING = `query ($id: ID!) { booking(id: $id) { ${BOOKING_FIELDS} } }`;

export interface BookingData {
  id: string;
  status: string;
  checkIn: string;
  checkOut: string;
  guests: number;
  totalPrice: { amount: number; currency: string };
  guest: { id: string };
  roomType: { id: string };
  hotel: { id: string };
  createdAt: string;
  updatedAt: string;
}

export interface BookingInput {
  roomTypeId: string;
  checkIn: string;
  checkOut: string;
  guests?: number;
  idempotencyKey?: string;
}

export function createBookingAs(bookings: BookingsHarness, token: string, input: BookingInput) {
  return bookings.request<{ createBooking: BookingData }>(
    CREATE_BOOKING,
    { input: { guests: 1, idempotencyKey: crypto.randomUUID(), ...input } },
    token,
  );
}

const CHANGES = { confirm: CONFIRM_BOOKING, cancel: CANCEL_BOOKING };

/** Confirms or cancels booking `id` as `token`: the whole answer, for its code and extensions. */
export function changeBookingAs(
  bookings: BookingsHarness,
  change: keyof typeof CHANGES,
  id: string,
  token: string,
) {
  return bookings.request<Record<string, BookingData>>(CHANGES[change], { id }, token);
}

/** The error code of a one-error answer (undefined when there is none). */
export function codeOf(res: { errors?: { extensions?: Record<string, unknown> }[] }) {
  return res.errors?.[0]?.extensions?.code as string | undefined;
}
