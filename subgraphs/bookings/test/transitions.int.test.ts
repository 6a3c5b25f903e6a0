import {
  createEntityChangePublisher,
  ENTITY_CHANGES_CHANNEL,
  type EntityChange,
} from '@travel/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBookingMetrics } from '../src/metrics/booking-metrics.ts';
import { createHoldSweeper } from '../src/sweeper/hold-sweeper.ts';
import { sweepExpiredHolds } from '../src/sweeper/sweep-expired-holds.ts';
import { type BookingsHarness, day, startBookings, user } from './bookings.ts';
import { type HotelsUpstream, startHotelsUpstream } from './hotels-upstream.ts';
import { type BookingData, changeBookingAs, codeOf, createBookingAs } from './operations.ts';

let hotels: HotelsUpstream;
let bookings: BookingsHarness;
const events: EntityChange[] = [];

beforeAll(async () => {
  hotels = await startHotelsUpstream();
  bookings = await startBookings(hotels.url);
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

async function newBooking(totalRooms = 2) {
  const roomType = await hotels.addRoomType({ totalRooms });
  const guest = await user();
  const res = await createBookingAs(bookings, guest.token, {
    roomTypeId: roomType.id,
    checkIn: day(4),
    checkOut: day(6),
  });
  expect(res.errors).toBeUndefined();
  return { roomType, guest, booking: res.data?.createBooking as BookingData };
}

async function act(change: 'confirm' | 'cancel', id: string, token: string) {
  const res = await changeBookingAs(bookings, change, id, token);
  return { code: codeOf(res), booking: res.data ? Object.values(res.data)[0] : undefined };
}

const changesOf = (bookingId: string) =>
  events.filter((event) => event.entity === `Booking:${bookingId}`);
const eventsOf = (bookingId: string) => changesOf(bookingId).map((event) => event.state.status);

describe('status changes', () => {
  it('announces what each change makes stale to the router response cache', async () => {
    const { booking, guest, roomType } = await newBooking();
    const stale = [`Booking:${booking.id}`, `RoomType:${roomType.id}`, `User:${guest.id}`];
    for (const change of ['confirm', 'cancel'] as const) {
      const res = await changeBookingAs(bookings, change, booking.id, guest.token);
      expect(res).toMatchObject({ extensions: { invalidatedEntities: stale } });
    }
    const refused = await changeBookingAs(bookings, 'confirm', booking.id, guest.token);
    expect(codeOf(refused)).toBe('INVALID_STATE');
    expect(refused).not.toHaveProperty('extensions');
  });

  it('confirms a PENDING booking, cancels it, and publishes each change', async () => {
    const { booking, guest, roomType } = await newBooking();
    expect((await act('confirm', booking.id, guest.token)).booking?.status).toBe('CONFIRMED');
    expect((await act('cancel', booking.id, guest.token)).booking?.status).toBe('CANCELLED');
    expect(eventsOf(booking.id)).toEqual(['PENDING', 'CONFIRMED', 'CANCELLED']);
    // One version per change, in the order of the changes.
    expect(changesOf(booking.id).map((event) => event.version)).toEqual([1, 2, 3]);
    expect(changesOf(booking.id)[0]).toEqual({
      entity: `Booking:${booking.id}`,
      version: 1,
      state: { status: 'PENDING' },
      audience: [`User:${guest.id}`, `Hotel:${roomType.hotelId}`],
      invalidates: [`RoomType:${roomType.id}`, `User:${guest.id}`],
      lists: ['Booking'],
    });
  });

  it('answers INVALID_STATE to every invalid transition and changes nothing', async () => {
    const { booking, guest } = await newBooking();
    await act('confirm', booking.id, guest.token);
    const confirmed = await bookings.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect((await act('confirm', booking.id, guest.token)).code).toBe('INVALID_STATE');
    expect(await bookings.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).toEqual(
      confirmed,
    );

    await act('cancel', booking.id, guest.token);
    const cancelled = await bookings.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect((await act('cancel', booking.id, guest.token)).code).toBe('INVALID_STATE');
    expect((await act('confirm', booking.id, guest.token)).code).toBe('INVALID_STATE');
    expect(await bookings.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).toEqual(
      cancelled,
    );
    expect(eventsOf(booking.id)).toEqual(['PENDING', 'CONFIRMED', 'CANCELLED']);
  });

  it('refuses to confirm a hold that expired, even before the sweeper ran', async () => {
    const { booking, guest } = await newBooking();
    await bookings.db.booking.update({
      where: { id: booking.id },
      data: { holdExpiresAt: new Date(Date.now() - 1000) },
    });
    expect((await act('confirm', booking.id, guest.token)).code).toBe('INVALID_STATE');
    const stored = await bookings.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(stored.status).toBe('PENDING');
  });

  it('answers NOT_FOUND for unknown and malformed ids', async () => {
    const { token } = await user();
    for (const id of [crypto.randomUUID(), 'nope']) {
      expect((await act('confirm', id, token)).code).toBe('NOT_FOUND');
      expect((await act('cancel', id, token)).code).toBe('NOT_FOUND');
    }
  });

  it('frees the nights of a cancelled booking', async () => {
    const { booking, guest, roomType } = await newBooking(1);
    const other = await user();
    const input = { roomTypeId: roomType.id, checkIn: day(5), checkOut: day(7) };
    expect(codeOf(await createBookingAs(bookings, other.token, input))).toBe('NO_AVAILABILITY');
    await act('cancel', booking.id, guest.token);
    expect((await createBookingAs(bookings, other.token, input)).errors).toBeUndefined();
  });
});

describe('hold sweeper', () => {
  it('cancels expired PENDING bookings only, and publishes each', async () => {
    const pending = await newBooking(1);
    const confirmed = await newBooking();
    await act('confirm', confirmed.booking.id, confirmed.guest.token);

    // Its hold has not expired yet (an earlier test left an expired one behind: swept here).
    const early = await sweepExpiredHolds(bookings.db, new Date());
    expect(early.map((swept) => swept.id)).not.toContain(pending.booking.id);

    const metrics = createBookingMetrics();
    const sweeper = createHoldSweeper({
      db: bookings.db,
      publisher: createEntityChangePublisher({ pubsub: bookings.pubsub, log: { error() {} } }),
      log: { info() {}, error() {} },
      metrics,
    });
    const swept = await sweeper.sweepOnce(new Date(Date.now() + 16 * 60_000));
    // Every booking it cancelled counts as an expired hold.
    const expired = await metrics.registry.getSingleMetric('bookings_cancelled_total')?.get();
    expect(expired?.values).toEqual([{ labels: { cause: 'hold_expired' }, value: swept.length }]);
    expect(swept).toContainEqual({
      id: pending.booking.id,
      version: 2,
      guestId: pending.guest.id,
      hotelId: pending.roomType.hotelId,
      roomTypeId: pending.roomType.id,
      status: 'CANCELLED',
    });
    expect(swept.map((row) => row.id)).not.toContain(confirmed.booking.id);
    expect(eventsOf(pending.booking.id)).toEqual(['PENDING', 'CANCELLED']);
    expect(eventsOf(confirmed.booking.id)).toEqual(['PENDING', 'CONFIRMED']);
    // The sweeper's event carries what the router invalidates: no request announced it.
    expect(changesOf(pending.booking.id).at(-1)).toMatchObject({
      version: 2,
      invalidates: [`RoomType:${pending.roomType.id}`, `User:${pending.guest.id}`],
    });

    const stored = await bookings.db.booking.findUniqueOrThrow({
      where: { id: pending.booking.id },
    });
    expect(stored.status).toBe('CANCELLED');
    // Its night is free again, and a second sweep finds nothing.
    const again = await createBookingAs(bookings, (await user()).token, {
      roomTypeId: pending.roomType.id,
      checkIn: day(4),
      checkOut: day(5),
    });
    expect(again.errors).toBeUndefined();
    expect(
      await sweepExpiredHolds(bookings.db, new Date(Date.now() + 16 * 60_000)),
    ).not.toContainEqual(expect.objectContaining({ id: pending.booking.id }));
  });

  it('lets several sweepers run at once without cancelling a booking twice', async () => {
    const made = await Promise.all(Array.from({ length: 6 }, () => newBooking()));
    const later = new Date(Date.now() + 16 * 60_000);
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => sweepExpiredHolds(bookings.db, later)),
    );
    const ids = runs.flat().map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { booking } of made) expect(ids).toContain(booking.id);
  });
});
