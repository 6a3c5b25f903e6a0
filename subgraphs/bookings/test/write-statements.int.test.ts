import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newBookingId } from '../src/domain/booking-id.ts';
import { type NewBooking, reserveRooms } from '../src/domain/reserve-rooms.ts';
import { type BookingsHarness, day, startBookings, user } from './bookings.ts';
import { type HotelsUpstream, startHotelsUpstream } from './hotels-upstream.ts';
import { changeBookingAs, codeOf, createBookingAs } from './operations.ts';

let hotels: HotelsUpstream;
let bookings: BookingsHarness;

beforeAll(async () => {
  hotels = await startHotelsUpstream();
  bookings = await startBookings(hotels.url);
});

afterAll(async () => {
  await bookings?.stop();
  await hotels?.stop();
});

/** The statements sent since the last reset, each named by its first words. */
const sent = () => bookings.sql.map((sql) => sql.trim().split(/\s+/).slice(0, 2).join(' '));

/** A reservation's input for `guest` in `roomType`, from day `from` to day `to`. */
function newBooking(
  roomType: { id: string; hotelId: string; ownerId: string },
  guestId: string,
  stay: { from: number; to: number; guests: number; totalPriceAmount: number; key: string },
): NewBooking {
  const createdAt = new Date();
  return {
    guestId,
    roomTypeId: roomType.id,
    hotelId: roomType.hotelId,
    hotelOwnerId: roomType.ownerId,
    checkIn: new Date(`${day(stay.from)}T00:00:00.000Z`),
    checkOut: new Date(`${day(stay.to)}T00:00:00.000Z`),
    guests: stay.guests,
    totalPriceAmount: stay.totalPriceAmount,
    currency: 'EUR',
    idempotencyKey: stay.key,
    createdAt,
    holdExpiresAt: new Date(createdAt.getTime() + 15 * 60_000),
  };
}

describe('the write path', () => {
  it('books in one lookup and one reserving statement, no transaction round trips', async () => {
    const roomType = await hotels.addRoomType({ totalRooms: 1 });
    const guest = await user();
    const stay = { roomTypeId: roomType.id, checkIn: day(3), checkOut: day(6) };
    bookings.resetSql();
    const res = await createBookingAs(bookings, guest.token, stay);
    expect(res.errors).toBeUndefined();
    expect(sent()).toEqual(['SELECT id,', 'SELECT r.outcome,']);

    bookings.resetSql();
    const full = await createBookingAs(bookings, guest.token, stay);
    expect(codeOf(full)).toBe('NO_AVAILABILITY');
    expect(sent()).toEqual(['SELECT id,', 'SELECT r.outcome,']);

    bookings.resetSql();
    const id = res.data?.createBooking.id as string;
    const cancel = await changeBookingAs(bookings, 'cancel', id, guest.token);
    expect(cancel.errors).toBeUndefined();
    expect(sent()).toEqual(['SELECT id,', 'UPDATE "public"."bookings"']);
  });

  it('answers the booking it inserted exactly as Prisma reads it, with a fresh uuid v7', async () => {
    const roomType = await hotels.addRoomType({ totalRooms: 2 });
    const guest = await user();
    const data = newBooking(roomType, guest.id, {
      from: 10,
      to: 12,
      guests: 2,
      totalPriceAmount: 20_000,
      key: 'same-key',
    });
    const { createdAt } = data;
    const first = await reserveRooms(bookings.db, data, 2);
    expect(first?.created).toBe(true);
    const stored = await bookings.db.booking.findUniqueOrThrow({
      where: { id: first?.booking.id },
    });
    expect(first?.booking).toEqual(stored);
    expect(stored).toMatchObject({ status: 'PENDING', version: 1, updatedAt: createdAt });
    expect(stored.id.slice(0, 13)).toBe(newBookingId(createdAt).slice(0, 13));

    // The same key again: the first booking, not a second one (the room type has room).
    const again = await reserveRooms(bookings.db, data, 2);
    expect(again).toEqual({ booking: stored, created: false });
    // The same key for another room type (another lock), committed before: found too.
    const other = await hotels.addRoomType({ totalRooms: 2 });
    expect(await reserveRooms(bookings.db, { ...data, roomTypeId: other.id }, 2)).toEqual({
      booking: stored,
      created: false,
    });
  });

  it('skips its insert when a racing request for another room type took the key first', async () => {
    const [a, b] = [await hotels.addRoomType(), await hotels.addRoomType()];
    const guest = await user();
    const data = newBooking(a, guest.id, {
      from: 20,
      to: 21,
      guests: 1,
      totalPriceAmount: 10_000,
      key: 'raced-key',
    });
    // The first request has inserted (room type a) but not committed yet.
    let commit!: () => void;
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const first = bookings.db.$transaction(async (tx) => {
      await tx.booking.create({ data: { ...data, status: 'PENDING' } });
      inserted();
      await new Promise<void>((resolve) => {
        commit = resolve;
      });
    });
    await insertedYet;
    const second = reserveRooms(bookings.db, { ...data, roomTypeId: b.id, hotelId: b.hotelId }, 5);
    // The second waits on the key's unique index for the first to end.
    await vi.waitFor(
      async () => {
        const waiting = await bookings.db.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND query LIKE '%reserve_booking(%'`;
        expect(waiting[0]?.n).toBe(1);
      },
      { timeout: 5000 },
    );
    commit();
    await first;
    expect(await second).toBeNull();
    expect(await bookings.db.booking.count({ where: { guestId: guest.id } })).toBe(1);
  });
});
