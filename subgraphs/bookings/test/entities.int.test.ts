import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookingsHarness, day, startBookings, user } from './bookings.ts';
import { type HotelsUpstream, startHotelsUpstream } from './hotels-upstream.ts';

let hotels: HotelsUpstream;
let bookings: BookingsHarness;
let owner: Awaited<ReturnType<typeof user>>;
let stranger: Awaited<ReturnType<typeof user>>;
let roomType: { id: string; hotelId: string };

beforeAll(async () => {
  hotels = await startHotelsUpstream();
  bookings = await startBookings(hotels.url);
  [owner, stranger] = await Promise.all([user('PARTNER'), user()]);
  roomType = await hotels.addRoomType({ ownerId: owner.id, totalRooms: 50 });
});

afterAll(async () => {
  await bookings?.stop();
  await hotels?.stop();
});

const BOOKING_ENTITIES = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on Booking { id status guest { id } totalPrice { amount } } }
}`;

describe('Booking entities', () => {
  async function insertBookings(count: number, guestId: string) {
    const data = Array.from({ length: count }, (_, i) => ({
      guestId,
      roomTypeId: roomType.id,
      hotelId: roomType.hotelId,
      hotelOwnerId: owner.id,
      checkIn: new Date(`${day(40)}T00:00:00Z`),
      checkOut: new Date(`${day(41)}T00:00:00Z`),
      guests: 1,
      totalPriceAmount: 100,
      currency: 'EUR',
      idempotencyKey: `bulk-${i}`,
    }));
    await bookings.db.booking.createMany({ data });
    const rows = await bookings.db.booking.findMany({ where: { guestId }, select: { id: true } });
    return rows.map((row) => row.id);
  }

  async function entities(ids: string[], token: string) {
    bookings.resetSql();
    const reps = ids.map((id) => ({ __typename: 'Booking', id }));
    const res = await bookings.request<{ _entities: ({ id: string } | null)[] }>(
      BOOKING_ENTITIES,
      { reps },
      token,
    );
    expect(res.errors).toBeUndefined();
    return { found: res.data?._entities ?? [], statements: bookings.sql.length };
  }

  it('resolves 50 references with as many SQL statements as 5', async () => {
    const guest = await user();
    const ids = await insertBookings(50, guest.id);
    const five = await entities(ids.slice(0, 5), guest.token);
    const fifty = await entities(ids, guest.token);
    expect(fifty.found.map((booking) => booking?.id)).toEqual(ids);
    expect(fifty.statements).toBe(five.statements);
    expect(fifty.statements).toBe(1);
  });

  it('answers null for references the viewer may not see', async () => {
    const guest = await user();
    const ids = await insertBookings(3, guest.id);
    const { found } = await entities([...ids, 'malformed'], stranger.token);
    expect(found).toEqual([null, null, null, null]);
  });

  it('counts availability of N room types with one SQL statement', async () => {
    // Bookings written straight to the table may exceed the rooms: the answer stays >= 0.
    const guest = await user();
    await insertBookings(3, guest.id);
    const reps = Array.from({ length: 20 }, () => ({
      __typename: 'RoomType',
      id: crypto.randomUUID() as string,
      totalRooms: 4,
    }));
    reps.push({ __typename: 'RoomType', id: roomType.id, totalRooms: 5 });
    reps.push({ __typename: 'RoomType', id: roomType.id, totalRooms: 2 });
    bookings.resetSql();
    const res = await bookings.request<{ _entities: { availableRooms: number }[] }>(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on RoomType { availableRooms(checkIn: "${day(40)}", checkOut: "${day(41)}") } } }`,
      { reps },
    );
    expect(res.errors).toBeUndefined();
    expect(bookings.sql).toHaveLength(1);
    const booked = await bookings.db.booking.count({
      where: { roomTypeId: roomType.id, checkIn: new Date(`${day(40)}T00:00:00Z`) },
    });
    expect(res.data?._entities.slice(0, 20).every((rt) => rt.availableRooms === 4)).toBe(true);
    expect(res.data?._entities[20]?.availableRooms).toBe(Math.max(0, 5 - booked));
    expect(res.data?._entities[21]?.availableRooms).toBe(0);
  });
});
