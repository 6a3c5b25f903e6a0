import { createLogger } from '@travel/logger';
import { describe, expect, it } from 'vitest';
import type { BookingsClient } from '../bookings/bookings-client.ts';
import { assertBookingOfOwner, isBookingOf } from './booking-ownership.ts';

const OWNER = '0193a0b2-0000-7000-8000-00000000000a';
const caller = {
  authorization: 'Bearer t',
  requestId: 'r1',
  log: createLogger({ service: 'test', level: 'silent' }),
};
const bookingsAnswering = (guestId: string | null): BookingsClient => ({
  guestIdOf: async () => guestId,
});

describe('isBookingOf', () => {
  it("is true only for the trip owner's own booking", () => {
    expect(isBookingOf(OWNER, OWNER)).toBe(true);
    expect(isBookingOf(OWNER.toUpperCase(), OWNER)).toBe(true);
    expect(isBookingOf('0193a0b2-0000-7000-8000-00000000000b', OWNER)).toBe(false);
    // null: unknown, or hidden from the caller by the bookings subgraph.
    expect(isBookingOf(null, OWNER)).toBe(false);
  });
});

describe('assertBookingOfOwner', () => {
  it("passes for the owner's booking and asks bookings with the caller's headers", async () => {
    const asked: unknown[] = [];
    const bookings: BookingsClient = {
      guestIdOf: async (id, who) => {
        asked.push([id, who.authorization, who.requestId]);
        return OWNER;
      },
    };
    await expect(assertBookingOfOwner(bookings, 'b1', OWNER, caller)).resolves.toBeUndefined();
    expect(asked).toEqual([['b1', 'Bearer t', 'r1']]);
  });

  it.each([
    ['someone else', '0193a0b2-0000-7000-8000-00000000000b'],
    ['nobody visible', null],
  ])('refuses a booking of %s with BAD_USER_INPUT on input.bookingId', async (_label, guestId) => {
    await expect(
      assertBookingOfOwner(bookingsAnswering(guestId), 'b1', OWNER, caller),
    ).rejects.toMatchObject({
      message: 'input.bookingId is not one of your bookings',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.bookingId' },
    });
  });

  it('lets SERVICE_UNAVAILABLE from the client through', async () => {
    const failing: BookingsClient = {
      guestIdOf: async () => {
        throw Object.assign(new Error('down'), { extensions: { code: 'SERVICE_UNAVAILABLE' } });
      },
    };
    await expect(assertBookingOfOwner(failing, 'b1', OWNER, caller)).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });
});
