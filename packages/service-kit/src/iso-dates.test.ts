import { describe, expect, it } from 'vitest';
import { isoDate, isoDateTime } from './iso-dates.ts';

const DAY_MS = 86_400_000;

/** Both functions give exactly what toISOString gives, or throw what it throws. */
function expectSameAsNative(date: Date) {
  expect(isoDateTime(date)).toBe(date.toISOString());
  expect(isoDate(date)).toBe(date.toISOString().slice(0, 10));
}

describe('isoDateTime and isoDate', () => {
  it('write days from year 0 to 9999 (and just outside) as toISOString does', () => {
    const first = Date.parse('0000-01-01T00:00:00.000Z') - 400 * DAY_MS;
    // Every 7th day: each weekday, month length and leap day is met, in a unit test's time.
    for (let day = 0; ; day += 7) {
      // A varying time of day, so that every field is checked, not only midnight.
      const time = first + day * DAY_MS + ((day * 7_919_993) % DAY_MS);
      const date = new Date(time);
      if (date.getUTCFullYear() > 10_000) break;
      const text = date.toISOString();
      if (isoDateTime(date) !== text || isoDate(date) !== text.slice(0, 10)) {
        expectSameAsNative(date);
      }
    }
  });

  it('write the edges of the four-digit years and of a day', () => {
    for (const time of [
      Date.parse('0000-01-01T00:00:00.000Z'),
      Date.parse('0000-01-01T00:00:00.000Z') - 1,
      Date.parse('0000-02-29T12:00:00.000Z'),
      Date.parse('9999-12-31T23:59:59.999Z'),
      Date.parse('9999-12-31T23:59:59.999Z') + 1,
      0,
      -1,
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      Date.UTC(2024, 1, 29, 0, 0, 0, 1),
      Date.UTC(2026, 11, 1, 10, 20, 30, 456),
      -8_640_000_000_000_000,
      8_640_000_000_000_000,
    ]) {
      expectSameAsNative(new Date(time));
    }
    expectSameAsNative(new Date('0099-06-15T01:02:03.045Z'));
    expectSameAsNative(new Date('0999-12-31T23:59:59.999Z'));
  });

  it('throw for an invalid date as toISOString does', () => {
    expect(() => isoDateTime(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => isoDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
