import { seededRandom } from '@travel/service-kit';
import { addDays, utcDay } from '../domain/booking-rules.ts';
import type { BookingStatus, Prisma } from '../generated/prisma/client.ts';

export interface SeedRoomType {
  id: string;
  hotelId: string;
  ownerId: string;
  totalRooms: number;
  maxGuests: number;
  nightlyRateAmount: number;
  currency: string;
}

export interface DemoBookingsOptions {
  roomTypes: SeedRoomType[];
  guestIds: string[];
  /** First day of the plan (its UTC date is used). */
  today: Date;
  /** Days the plan covers; default 90. */
  days?: number;
}

/** Room types with more rooms than this are not filled to the last room (too many rows). */
const MAX_FILLED_ROOMS = 40;
const FULL_NIGHTS = 3;
const RANDOM_BOOKINGS_PER_ROOM_TYPE = 8;

/**
 * Deterministic demo bookings: the same options always give the same rows. Every third room
 * type is fully booked for three nights in the coming weeks; the others get a scatter of
 * stays. No night ever holds more bookings than the room type has rooms.
 */
export function planDemoBookings(options: DemoBookingsOptions): Prisma.BookingCreateManyInput[] {
  const { roomTypes, guestIds, days = 90 } = options;
  const today = utcDay(options.today);
  const random = seededRandom(20_261_121);
  const rows: Prisma.BookingCreateManyInput[] = [];
  if (guestIds.length === 0) return rows;

  roomTypes.forEach((roomType, index) => {
    const held = new Array<number>(days).fill(0);
    const book = (start: number, nights: number, status: BookingStatus) => {
      const guestId = guestIds[Math.floor(random() * guestIds.length)] as string;
      rows.push({
        guestId,
        roomTypeId: roomType.id,
        hotelId: roomType.hotelId,
        hotelOwnerId: roomType.ownerId,
        checkIn: addDays(today, start),
        checkOut: addDays(today, start + nights),
        guests: 1 + Math.floor(random() * Math.min(roomType.maxGuests, 4)),
        status,
        totalPriceAmount: roomType.nightlyRateAmount * nights,
        currency: roomType.currency,
        idempotencyKey: `demo-${roomType.id}-${rows.length}`,
        createdAt: today,
      });
      if (status !== 'CANCELLED')
        for (let d = start; d < start + nights; d++) held[d] = (held[d] ?? 0) + 1;
    };

    if (index % 3 === 0 && roomType.totalRooms <= MAX_FILLED_ROOMS && days > 14 + FULL_NIGHTS) {
      const start = 7 + (index % 7);
      for (let room = 0; room < roomType.totalRooms; room++) book(start, FULL_NIGHTS, 'CONFIRMED');
    }
    for (let attempt = 0; attempt < RANDOM_BOOKINGS_PER_ROOM_TYPE; attempt++) {
      const nights = 1 + Math.floor(random() * 5);
      const start = Math.floor(random() * (days - nights));
      const status: BookingStatus = random() < 0.15 ? 'CANCELLED' : 'CONFIRMED';
      const fits = held.slice(start, start + nights).every((n) => n < roomType.totalRooms);
      if (fits || status === 'CANCELLED') book(start, nights, status);
    }
  });
  return rows;
}
