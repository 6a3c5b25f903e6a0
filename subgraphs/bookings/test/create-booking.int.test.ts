import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookingsHarness, day, startBookings, user } from './bookings.ts';
import { type HotelsUpstream, startHotelsUpstream } from './hotels-upstream.ts';
import { codeOf, createBookingAs } from './operations.ts';

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

const AVAILABLE_ROOMS = `query ($reps: [_Any!]!, $checkIn: Date!, $checkOut: Date!) {
  _entities(representations: $reps) {
    ... on RoomType { id availableRooms(checkIn: $checkIn, checkOut: $checkOut) }
  }
}`;

async function availableRooms(
  roomType: { id: string; totalRooms: number },
  from: number,
  to: number,
) {
  const res = await bookings.request<{ _entities: { availableRooms: number }[] }>(AVAILABLE_ROOMS, {
    reps: [{ __typename: 'RoomType', ...roomType }],
    checkIn: day(from),
    checkOut: day(to),
  });
  expect(res.errors).toBeUndefined();
  return res.data?._entities[0]?.availableRooms;
}

describe('createBooking', () => {
  it('books a PENDING stay priced nightly rate x nights, from what hotels says', async () => {
    const roomType = await hotels.addRoomType({ nightlyRate: 12_345, maxGuests: 3 });
    const guest = await user();
    const res = await createBookingAs(bookings, guest.token, {
      roomTypeId: roomType.id,
      checkIn: day(3),
      checkOut: day(6),
      guests: 3,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.createBooking).toMatchObject({
      status: 'PENDING',
      checkIn: day(3),
      checkOut: day(6),
      guests: 3,
      totalPrice: { amount: 3 * 12_345, currency: 'EUR' },
      guest: { id: guest.id },
      roomType: { id: roomType.id },
      hotel: { id: roomType.hotelId },
    });
    const stored = await bookings.db.booking.findFirstOrThrow({ where: { guestId: guest.id } });
    // The router's response cache drops the room type's availability, the guest's lists and
    // the cached lists of bookings (a member was added).
    expect(res).toMatchObject({
      extensions: {
        invalidatedEntities: [
          `Booking:${stored.id}`,
          `RoomType:${roomType.id}`,
          `User:${guest.id}`,
          'Booking[]',
        ],
      },
    });
    expect(stored.hotelOwnerId).toBe(roomType.ownerId);
    expect(stored.holdExpiresAt?.getTime()).toBe(stored.createdAt.getTime() + 15 * 60_000);
  });

  it('never overbooks: 50 racing requests for the last 5 rooms give exactly 5 bookings', async () => {
    const roomType = await hotels.addRoomType({ totalRooms: 10 });
    // Five rooms taken on nights 10..14; the race is for the five left.
    for (let i = 0; i < 5; i++) {
      const res = await createBookingAs(bookings, (await user()).token, {
        roomTypeId: roomType.id,
        checkIn: day(10),
        checkOut: day(15),
      });
      expect(res.errors).toBeUndefined();
    }
    // Different ranges, every one of them holding night 12.
    const ranges: [number, number][] = [
      [10, 13],
      [11, 13],
      [12, 13],
      [12, 14],
      [11, 15],
    ];
    const guests = await Promise.all(Array.from({ length: 50 }, () => user()));
    const answers = await Promise.all(
      guests.map((guest, i) => {
        const [from, to] = ranges[i % ranges.length] ?? [0, 0];
        return createBookingAs(bookings, guest.token, {
          roomTypeId: roomType.id,
          checkIn: day(from),
          checkOut: day(to),
        });
      }),
    );
    const codes = answers.map((res) => codeOf(res) ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(5);
    expect(codes.filter((code) => code === 'NO_AVAILABILITY')).toHaveLength(45);

    const nights = await bookings.db.$queryRaw<{ night: string; held: number }[]>`
      SELECT night::date::text AS night, count(b.id)::int AS held
      FROM generate_series(${day(9)}::date, ${day(16)}::date, interval '1 day') AS night
      LEFT JOIN bookings b ON b.room_type_id = ${roomType.id}::uuid
        AND b.status IN ('PENDING', 'CONFIRMED')
        AND b.check_in <= night::date AND b.check_out > night::date
      GROUP BY night ORDER BY night`;
    expect(Math.max(...nights.map((n) => n.held))).toBeLessThanOrEqual(10);
    expect(nights.find((n) => n.night === day(12))?.held).toBe(10);
    expect(await availableRooms({ id: roomType.id, totalRooms: 10 }, 12, 13)).toBe(0);
    expect(await availableRooms({ id: roomType.id, totalRooms: 10 }, 16, 18)).toBe(10);
  });

  it('answers ten racing retries with one key by one booking, ten identical answers', async () => {
    const roomType = await hotels.addRoomType({ totalRooms: 1 });
    const guest = await user();
    const input = {
      roomTypeId: roomType.id,
      checkIn: day(20),
      checkOut: day(22),
      idempotencyKey: 'retry-me',
    };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => createBookingAs(bookings, guest.token, input)),
    );
    for (const res of answers) expect(res.errors).toBeUndefined();
    expect(new Set(answers.map((res) => JSON.stringify(res.data))).size).toBe(1);
    expect(await bookings.db.booking.count({ where: { guestId: guest.id } })).toBe(1);

    // The same key for another request is a client bug, not a retry.
    const other = await createBookingAs(bookings, guest.token, { ...input, checkOut: day(23) });
    expect(codeOf(other)).toBe('BAD_USER_INPUT');
    expect(other.errors?.[0]?.extensions?.field).toBe('input.idempotencyKey');
  });

  it.each([
    ['checkOut before checkIn', { checkIn: day(5), checkOut: day(5) }, 'input.checkOut'],
    ['more than 30 nights', { checkIn: day(5), checkOut: day(36) }, 'input.checkOut'],
    ['a check-in in the past', { checkIn: day(-1), checkOut: day(2) }, 'input.checkIn'],
    ['no guests', { guests: 0 }, 'input.guests'],
    ['more guests than the room takes', { guests: 3 }, 'input.guests'],
    ['an empty idempotency key', { idempotencyKey: '' }, 'input.idempotencyKey'],
    [
      'a 201-character idempotency key',
      { idempotencyKey: 'k'.repeat(201) },
      'input.idempotencyKey',
    ],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_name, change, field) => {
    const roomType = await hotels.addRoomType({ maxGuests: 2 });
    const guest = await user();
    const res = await createBookingAs(bookings, guest.token, {
      roomTypeId: roomType.id,
      checkIn: day(5),
      checkOut: day(7),
      ...change,
    });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe(field);
    expect(await bookings.db.booking.count({ where: { guestId: guest.id } })).toBe(0);
  });

  it('accepts exactly 30 nights and a 200-character key, check-in today', async () => {
    const roomType = await hotels.addRoomType();
    const res = await createBookingAs(bookings, (await user()).token, {
      roomTypeId: roomType.id,
      checkIn: day(0),
      checkOut: day(30),
      idempotencyKey: 'k'.repeat(200),
    });
    expect(res.errors).toBeUndefined();
  });

  it('answers NOT_FOUND for an unknown or malformed room type id', async () => {
    const { token } = await user();
    for (const roomTypeId of [crypto.randomUUID(), 'not-an-id']) {
      const res = await createBookingAs(bookings, token, {
        roomTypeId,
        checkIn: day(1),
        checkOut: day(2),
      });
      expect(codeOf(res)).toBe('NOT_FOUND');
    }
  });

  it('requires a signed-in user', async () => {
    const roomType = await hotels.addRoomType();
    const res = await createBookingAs(bookings, '', {
      roomTypeId: roomType.id,
      checkIn: day(1),
      checkOut: day(2),
    });
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
  });

  it('refuses an availability range that is empty or too long', async () => {
    const roomType = { id: crypto.randomUUID(), totalRooms: 3 };
    const res = await bookings.request(AVAILABLE_ROOMS, {
      reps: [{ __typename: 'RoomType', ...roomType }],
      checkIn: day(5),
      checkOut: day(5),
    });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(await availableRooms(roomType, 1, 3)).toBe(3);
  });
});
