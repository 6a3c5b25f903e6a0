import { describe, expect, it } from 'vitest';
import { bookingFixtureForFile } from './support/booking-fixture.ts';
import {
  availableRooms,
  type Booking,
  book,
  CANCEL_BOOKING,
  CONFIRM_BOOKING,
  dataOf,
  day,
  READ_BOOKING,
  requestBooking,
} from './support/bookings.ts';
import { codes, post } from './support/graphql.ts';
import { signUp } from './support/users.ts';

// One room: whether a night is free shows directly in availableRooms and in refusals.
const fixture = bookingFixtureForFile('lifecycle.test', 1, 'Single Room Hotel');

const STAY = { checkIn: day(20), checkOut: day(23) };

async function read(id: string): Promise<Booking> {
  const booking = dataOf(
    await post<{ booking: Booking }>(
      fixture().stack.url,
      READ_BOOKING,
      { id },
      fixture().guest.auth,
    ),
  ).booking;
  expect(booking).not.toBeNull();
  return booking;
}

function change(mutation: string, id: string) {
  return post<Record<string, Booking>>(fixture().stack.url, mutation, { id }, fixture().guest.auth);
}

describe('the booking state machine through the router', () => {
  it('PENDING → CONFIRMED → CANCELLED; every other move is INVALID_STATE and changes nothing', async () => {
    const pending = await book(fixture().stack.url, fixture().guest, {
      roomTypeId: fixture().roomType.roomTypeId,
      ...STAY,
    });
    expect(pending.status).toBe('PENDING');
    // A PENDING hold already takes the room.
    expect(
      await availableRooms(fixture().stack.url, fixture().roomType, STAY.checkIn, STAY.checkOut),
    ).toBe(0);

    const confirmed = dataOf(await change(CONFIRM_BOOKING, pending.id)).confirmBooking;
    expect(confirmed).toMatchObject({ id: pending.id, status: 'CONFIRMED' });
    expect(await read(pending.id)).toEqual(confirmed);

    const again = await change(CONFIRM_BOOKING, pending.id);
    expect(codes(again)).toEqual(['INVALID_STATE']);
    expect(again.body.data ?? null).toBeNull();
    expect(await read(pending.id)).toEqual(confirmed);

    const cancelled = dataOf(await change(CANCEL_BOOKING, pending.id)).cancelBooking;
    expect(cancelled).toMatchObject({ id: pending.id, status: 'CANCELLED' });

    for (const mutation of [CANCEL_BOOKING, CONFIRM_BOOKING]) {
      const refused = await change(mutation, pending.id);
      expect(codes(refused)).toEqual(['INVALID_STATE']);
    }
    expect(await read(pending.id)).toEqual(cancelled);
  });

  it('cancelling frees the nights: the room is bookable again', async () => {
    const stay = { roomTypeId: fixture().roomType.roomTypeId, checkIn: day(30), checkOut: day(32) };
    const first = await book(fixture().stack.url, fixture().guest, stay);
    expect(
      await availableRooms(fixture().stack.url, fixture().roomType, stay.checkIn, stay.checkOut),
    ).toBe(0);

    const other = await signUp(fixture().stack.url, 'other@lifecycle.test');
    // One night of overlap is enough to be refused.
    const overlapping = { ...stay, checkIn: day(31), checkOut: day(33) };
    expect(codes(await requestBooking(fixture().stack.url, other, overlapping))).toEqual([
      'NO_AVAILABILITY',
    ]);

    dataOf(await change(CANCEL_BOOKING, first.id));
    expect(
      await availableRooms(fixture().stack.url, fixture().roomType, stay.checkIn, stay.checkOut),
    ).toBe(1);
    const second = await book(fixture().stack.url, other, overlapping);
    expect(second.status).toBe('PENDING');
    expect(await availableRooms(fixture().stack.url, fixture().roomType, day(30), day(31))).toBe(1);
    expect(await availableRooms(fixture().stack.url, fixture().roomType, day(31), day(33))).toBe(0);
  });
});
