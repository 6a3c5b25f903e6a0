import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseTimestamptz } from './pg-timestamp.ts';

const pgParse = pg.types.getTypeParser(1184, 'text') as (text: string) => unknown;

/** The same value as pg's own parser: the same instant, or the same non-date. */
function expectSameAsPg(text: string) {
  const ours = parseTimestamptz(text);
  const theirs = pgParse(text);
  expect(ours instanceof Date ? ours.getTime() : ours, text).toStrictEqual(
    theirs instanceof Date ? theirs.getTime() : theirs,
  );
}

describe('parseTimestamptz', () => {
  it('reads what a UTC session sends as pg does, at every fraction length', () => {
    for (const text of [
      '2026-12-01 10:20:30+00',
      '2026-12-01 10:20:30.4+00',
      '2026-12-01 10:20:30.45+00',
      '2026-12-01 10:20:30.456+00',
      '2026-12-01 10:20:30.4567+00',
      '2026-12-01 10:20:30.45678+00',
      '2026-12-01 10:20:30.456789+00',
      '1000-01-01 00:00:00.001+00',
      '9999-12-31 23:59:59.999+00',
      '2024-02-29 12:00:00.123+00',
    ]) {
      expectSameAsPg(text);
    }
    expect(parseTimestamptz('2026-12-01 10:20:30.456+00')).toStrictEqual(
      new Date('2026-12-01T10:20:30.456Z'),
    );
  });

  it('truncates fractions of a millisecond exactly as pg does', () => {
    // 1000 * parseFloat('.xyz') is not always an integer: both must round it the same way.
    for (let ms = 0; ms < 1000; ms++) {
      expectSameAsPg(`2026-06-15 08:09:10.${String(ms).padStart(3, '0')}+00`);
    }
  });

  it("leaves other zones, eras and forms to pg's parser", () => {
    for (const text of [
      '2026-12-01 10:20:30.456+01',
      '2026-12-01 10:20:30.456-05:30',
      '2026-12-01 10:20:30.456+05:30:15',
      '0099-12-01 10:20:30.456+00',
      '0001-12-01 10:20:30+00 BC',
      '12026-12-01 10:20:30+00',
      'infinity',
      '-infinity',
      '2026-12-01 1x:20:30+00',
      '2026-12-01 10:20:30.4a6+00',
      '2026-12-01T10:20:30.456+00',
    ]) {
      expectSameAsPg(text);
    }
  });
});
