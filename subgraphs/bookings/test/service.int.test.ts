import { randomUUID } from 'node:crypto';
import { ENTITY_CHANGES_CHANNEL, type EntityChange } from '@travel/subgraph-kit';
import { closedPortUrl, eventually } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookingsHarness, startBookings } from './bookings.ts';

let bookings: BookingsHarness;
const events: EntityChange[] = [];

beforeAll(async () => {
  // The service's own hold sweeper, on a short interval: nothing in the test sweeps by hand.
  bookings = await startBookings(await closedPortUrl(), { HOLD_SWEEP_INTERVAL_MS: 100 });
  await bookings.pubsub.subscribe(
    ENTITY_CHANGES_CHANNEL,
    (event: EntityChange) => events.push(event),
    {},
  );
});

afterAll(async () => {
  await bookings?.stop();
});

/** A PENDING booking written straight to the database, its hold ending at `holdExpiresAt`. */
function addHold(holdExpiresAt: Date) {
  return bookings.db.booking.create({
    data: {
      guestId: randomUUID(),
      roomTypeId: randomUUID(),
      hotelId: randomUUID(),
      hotelOwnerId: randomUUID(),
      checkIn: new Date('2027-04-02T00:00:00.000Z'),
      checkOut: new Date('2027-04-04T00:00:00.000Z'),
      guests: 2,
      totalPriceAmount: 24000,
      currency: 'EUR',
      idempotencyKey: randomUUID(),
      holdExpiresAt,
    },
  });
}

describe('the bookings service', () => {
  it('runs its hold sweeper: an expired hold is cancelled, announced and counted at /metrics', async () => {
    const expired = await addHold(new Date(Date.now() - 1000));
    const held = await addHold(new Date(Date.now() + 15 * 60_000));
    await eventually(async () => {
      const row = await bookings.db.booking.findUniqueOrThrow({ where: { id: expired.id } });
      return row.status === 'CANCELLED';
    });
    await eventually(() => events.some((event) => event.entity === `Booking:${expired.id}`));
    const metrics = await (await fetch(bookings.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/bookings_cancelled_total\{cause="hold_expired"[^}]*\} 1\n/);
    // A hold that has not expired is left alone.
    const untouched = await bookings.db.booking.findUniqueOrThrow({ where: { id: held.id } });
    expect(untouched.status).toBe('PENDING');
  });
});
