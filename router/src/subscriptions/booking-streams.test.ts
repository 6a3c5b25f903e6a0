import { createLogger } from '@travel/logger';
import type { FormattedExecutionResult } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import type { BookingChanged } from '../events/booking-events.ts';
import { createBookingStreams, type StreamSpec } from './booking-streams.ts';

const log = createLogger({ service: 'test', level: 'silent' });
const event = (bookingId: string, status: BookingChanged['status'] = 'CONFIRMED') => ({
  bookingId,
  guestId: 'g1',
  hotelId: 'h1',
  status,
});

function spec(overrides: Partial<StreamSpec> = {}): StreamSpec {
  return {
    matches: () => true,
    key: 'k',
    responseKey: 'b',
    resolve: async (e) => ({ data: { b: { id: e.bookingId, status: e.status } } }),
    ...overrides,
  };
}

describe('createBookingStreams', () => {
  it('re-reads an event once per key and sends it to every matching subscriber', async () => {
    const streams = createBookingStreams({ log });
    const resolve = vi.fn(spec().resolve);
    const a = streams.open(spec({ resolve }), () => {});
    const b = streams.open(spec({ resolve }), () => {});
    const other = streams.open(spec({ resolve, key: 'other' }), () => {});
    const skipped = streams.open(spec({ resolve, matches: () => false }), () => {});
    streams.dispatch(event('b1'));
    const expected = { value: { data: { b: { id: 'b1', status: 'CONFIRMED' } } }, done: false };
    await expect(a.next()).resolves.toEqual(expected);
    await expect(b.next()).resolves.toEqual(expected);
    await expect(other.next()).resolves.toEqual(expected);
    expect(resolve).toHaveBeenCalledTimes(2); // 'k' once, 'other' once; none for `skipped`
    expect(skipped.queued).toBe(0);
  });

  it('keeps event order when a later re-read finishes first', async () => {
    const streams = createBookingStreams({ log });
    let finishSlow: (answer: FormattedExecutionResult) => void = () => {};
    const slow = new Promise<FormattedExecutionResult>((resolve) => {
      finishSlow = resolve;
    });
    const resolve = vi.fn(async (e: BookingChanged) =>
      e.bookingId === 'first' ? slow : { data: { b: { id: e.bookingId } } },
    );
    const stream = streams.open(spec({ resolve }), () => {});
    streams.dispatch(event('first'));
    streams.dispatch(event('second'));
    await new Promise((resolve) => setImmediate(resolve)); // 'second' is re-read by now
    expect(stream.queued).toBe(0);
    finishSlow({ data: { b: { id: 'first' } } });
    await expect(stream.next()).resolves.toMatchObject({ value: { data: { b: { id: 'first' } } } });
    await expect(stream.next()).resolves.toMatchObject({
      value: { data: { b: { id: 'second' } } },
    });
  });

  it('drops a booking the subscriber may not see, and reports a failed re-read', async () => {
    const streams = createBookingStreams({ log });
    const answers: FormattedExecutionResult[] = [
      { data: { b: null } },
      { data: { b: null }, errors: [{ message: 'Internal server error' }] },
    ];
    const stream = streams.open(spec({ resolve: async () => answers.shift() ?? {} }), () => {});
    streams.dispatch(event('hidden'));
    streams.dispatch(event('failed'));
    await expect(stream.next()).resolves.toEqual({
      value: { data: null, errors: [{ message: 'Internal server error' }] },
      done: false,
    });
    expect(stream.queued).toBe(0);
  });

  it('ends a subscriber that falls behind, and forgets ended subscriptions', async () => {
    const streams = createBookingStreams({ log, maxQueued: 2 });
    const onEnd = vi.fn();
    const stream = streams.open(spec(), onEnd);
    for (const id of ['1', '2', '3']) streams.dispatch(event(id));
    await vi.waitFor(() => expect(onEnd).toHaveBeenCalledOnce());
    expect(streams.size).toBe(0);
    await stream.next();
    await stream.next();
    await expect(stream.next()).rejects.toThrow('Subscriber too slow');
  });
});
