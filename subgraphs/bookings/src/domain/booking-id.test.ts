import { describe, expect, it } from 'vitest';
import { newBookingId } from './booking-id.ts';

describe('newBookingId', () => {
  it('is a uuid v7 of the given time, with the RFC 9562 variant', () => {
    const id = newBookingId(new Date(0x0123_4567_89ab));
    expect(id).toMatch(/^01234567-89ab-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts by creation time, and differs within one millisecond', () => {
    const earlier = newBookingId(new Date('2026-12-01T10:00:00.000Z'));
    const later = newBookingId(new Date('2026-12-01T10:00:00.001Z'));
    expect(earlier < later).toBe(true);
    const now = new Date();
    expect(newBookingId(now)).not.toBe(newBookingId(now));
  });
});
