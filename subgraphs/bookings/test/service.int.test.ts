import { eventually } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookingsHarness, day, startBookings, user } from './bookings.ts';
import { type HotelsUpstream, startHotelsUpstream } from './hotels-upstream.ts';
import { type BookingData, createBookingAs } from './operations.ts';

let hotels: HotelsUpstream;
let bookings: BookingsHarness;

beforeAll(async () => {
  hotels = await startHotelsUpstream();
  // The service's own hold sweeper, on a short interval: nothing in the test sweeps by hand.
  bookings = await startBookings(hotels.url, { HOLD_SWEEP_INTERVAL_MS: 100 });
});

afterAll(async () => {
  await bookings?.stop();
  await hotels?.stop();
});

describe('the bookings service', () => {
  it('runs its hold sweeper: an expired hold is cancelled, announced and counted at /metrics', async () => {
    const { id: roomTypeId } = await hotels.addRoomType();
    const input = { roomTypeId, checkIn: day(4), checkOut: day(6) };
    const [expired, held] = await Promise.all(
      [await user(), await user()].map(async ({ token }) => {
        const res = await createBookingAs(bookings, token, input);
        return (res.data?.createBooking as BookingData | undefined)?.id ?? res.errors;
      }),
    );
    if (typeof expired !== 'string' || typeof held !== 'string') {
      throw new Error(`no booking made: ${JSON.stringify([expired, held])}`);
    }
    const holdExpiresAt = new Date(Date.now() - 1000);
    await bookings.db.booking.update({ where: { id: expired }, data: { holdExpiresAt } });

    const statusOf = async (id: string) =>
      (await bookings.db.booking.findUniqueOrThrow({ where: { id } })).status;
    await eventually(async () => (await statusOf(expired)) === 'CANCELLED');
    await eventually(() =>
      bookings.changes.some(
        (change) => change.entity === `Booking:${expired}` && change.state.status === 'CANCELLED',
      ),
    );
    const metrics = await (await fetch(bookings.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/bookings_cancelled_total\{cause="hold_expired"[^}]*\} 1\n/);
    // A hold that has not expired is left alone.
    expect(await statusOf(held)).toBe('PENDING');
  });
});
