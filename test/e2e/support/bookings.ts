import { randomUUID } from 'node:crypto';
import type { GraphQLHttpResponse } from '@travel/testing';
import { expect } from 'vitest';
import { createHotel } from './catalogue.ts';
import { post } from './graphql.ts';
import type { SignedInUser } from './users.ts';

const DAY_MS = 86_400_000;

/** The UTC date `days` from today, as `YYYY-MM-DD` (what the Date scalar takes). */
export function day(days: number): string {
  // One reading of the clock: two could straddle a millisecond and name the day before.
  const now = Date.now();
  const today = now - (now % DAY_MS);
  return new Date(today + days * DAY_MS).toISOString().slice(0, 10);
}

export const BOOKING_FIELDS = 'id status checkIn checkOut guests totalPrice { amount currency }';

export const CREATE_BOOKING = /* GraphQL */ `
  mutation ($input: CreateBookingInput!) { createBooking(input: $input) { ${BOOKING_FIELDS} } }
`;
export const CONFIRM_BOOKING = `mutation ($id: ID!) { confirmBooking(id: $id) { ${BOOKING_FIELDS} updatedAt } }`;
export const CANCEL_BOOKING = `mutation ($id: ID!) { cancelBooking(id: $id) { ${BOOKING_FIELDS} updatedAt } }`;
export const READ_BOOKING = `query ($id: ID!) { booking(id: $id) { ${BOOKING_FIELDS} updatedAt } }`;

export interface Booking {
  id: string;
  status: 'PENDING' | 'CONFIRMED' | 'CANCELLED';
  checkIn: string;
  checkOut: string;
  updatedAt?: string;
}

export interface Stay {
  roomTypeId: string;
  checkIn: string;
  checkOut: string;
  guests?: number;
  idempotencyKey?: string;
}

/** Asks for a booking through the router; the raw answer, for tests of refusals. */
export function requestBooking(url: string, guest: SignedInUser, stay: Stay) {
  const { roomTypeId, checkIn, checkOut, guests = 1, idempotencyKey = randomUUID() } = stay;
  const input = { roomTypeId, checkIn, checkOut, guests, idempotencyKey };
  return post<{ createBooking: Booking }>(url, CREATE_BOOKING, { input }, guest.auth);
}

/** Books a stay that must succeed. */
export async function book(url: string, guest: SignedInUser, stay: Stay): Promise<Booking> {
  return dataOf(await requestBooking(url, guest, stay)).createBooking;
}

/** The data of an answer that must have no errors. */
export function dataOf<T>(res: GraphQLHttpResponse<T>): T {
  expect(res.body.errors).toBeUndefined();
  if (!res.body.data) throw new Error('no data');
  return res.body.data;
}

export interface PartnerRoomType {
  hotelId: string;
  roomTypeId: string;
}

/** A partner's own hotel with one room type of `totalRooms` rooms at 100.00 EUR a night. */
export async function createRoomType(
  url: string,
  partner: SignedInUser,
  totalRooms: number,
  hotelName = 'E2E Hotel',
): Promise<PartnerRoomType> {
  const hotel = await createHotel(url, partner, { name: hotelName, city: 'Lisbon' });
  const hotelId = dataOf(hotel).createHotel.id;
  const roomType = await post<{ addRoomType: { id: string } }>(
    url,
    'mutation ($hotelId: ID!, $input: RoomTypeInput!) { addRoomType(hotelId: $hotelId, input: $input) { id } }',
    {
      hotelId,
      input: { name: 'Double', maxGuests: 2, totalRooms, nightlyRate: 10_000, currency: 'EUR' },
    },
    partner.auth,
  );
  return { hotelId, roomTypeId: dataOf(roomType).addRoomType.id };
}

const AVAILABLE_ROOMS = /* GraphQL */ `
  query ($hotelId: ID!, $checkIn: Date!, $checkOut: Date!) {
    hotel(id: $hotelId) {
      roomTypes { id totalRooms availableRooms(checkIn: $checkIn, checkOut: $checkOut) }
    }
  }
`;

/**
 * `availableRooms` of a room type, asked the way a client does (through `hotel`), so the
 * router fetches `totalRooms` from hotels before asking bookings (@requires).
 */
export async function availableRooms(
  url: string,
  { hotelId, roomTypeId }: PartnerRoomType,
  checkIn: string,
  checkOut: string,
): Promise<number> {
  const res = await post<{
    hotel: { roomTypes: { id: string; availableRooms: number }[] };
  }>(url, AVAILABLE_ROOMS, { hotelId, checkIn, checkOut });
  const roomType = dataOf(res).hotel.roomTypes.find((r) => r.id === roomTypeId);
  if (!roomType) throw new Error(`room type ${roomTypeId} not in hotel ${hotelId}`);
  return roomType.availableRooms;
}
