import { ENTITY_CHANGES_CHANNEL, type EntityChange } from '@travel/subgraph-kit';
import { eventually } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookingsHarness, day, startBookings, user } from './bookings.ts';
import { type HotelsUpstream, startHotelsUpstream } from './hotels-upstream.ts';
import { type BookingData, createBookingAs } from './operations.ts';

let hotels: HotelsUpstream;
let bookings: BookingsHarness;
const events: EntityChange[] = [];

beforeAll(async () => {
  hotels = await startHotelsUpstream();
  // The service's own hold sweeper, on a short interval: nothing in the test sweeps by hand.
  bookings = await startBookings(hotels.url, { HOLD_SWEEP_INTERVAL_MS: 100 });
  await bookings.pubsub.subscribe(
    ENTITY_CHANGES_CHANNEL,
    (event: EntityChange) => events.push(event),
    {},
  );
});

afterAll(async () => {
  await bookings?.stop();
  await hotels?.stop();
});

/** A PENDING booking made through the API. */
async function hold() {
  const roomType = await hotels.addRoomType();
  const guest = await user();
  const res = await createBookingAs(bookings, guest.token, {
    roomTypeId: roomType.id,
    checkIn: day(4),
    checkOut: day(6),
  });
  expect(res.errors).toBeUndefined();
  return res.data?.createBooking as BookingData;
}

describe('the bookings service', () => {
  it('runs its hold sweeper: an expired hold is cancelled, announced and counted at /metrics', async () => {
    const [expired, held] = await Promise.all([hold(), hold()]);
    await bookings.db.booking.update({
      where: { id: expired.id },
      data: { holdExpiresAt: new Date(Date.now() - 1000) },
    });
    await eventually(async () => {
      const row = await bookings.db.booking.findUniqueOrThrow({ where: { id: expired.id } });
      return row.status === 'CANCELLED';
    });
    await eventually(() =>
      events.some(
        (event) => event.entity === `Booking:${expired.id}` && event.state.status === 'CANCELLED',
      ),
    );
    const metrics = await (await fetch(bookings.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/bookings_cancelled_total\{cause="hold_expired"[^}]*\} 1\n/);
    // A hold that has not expired is left alone.
    const untouched = await bookings.db.booking.findUniqueOrThrow({ where: { id: held.id } });
    expect(untouched.status).toBe('PENDING');
  });
});
