import { randomUUID } from 'node:crypto';
import { databaseForFile } from '@travel/testing';
import { expect, it } from 'vitest';
import { insertBooking } from '../../test/booking-rows.ts';
import { createDb } from '../db.ts';
import { peakBookedRooms } from './occupancy.ts';

const db = databaseForFile('bookings', createDb);
const day = (n: number) => new Date(Date.UTC(2027, 0, n));

it("counts a stay's peak from the bookings it overlaps, and reads no others", async () => {
  const roomTypeId = randomUUID();
  const book = (checkIn: number, checkOut: number, status: 'CONFIRMED' | 'CANCELLED') =>
    insertBooking(db(), { roomTypeId, checkIn: day(checkIn), checkOut: day(checkOut), status });
  // The room type's past, a booking leaving on the stay's first day, two on one of its nights
  // and a cancelled one.
  for (const n of [1, 3, 5, 7]) await book(n, n + 2, 'CONFIRMED');
  await book(18, 20, 'CONFIRMED');
  await book(19, 22, 'CONFIRMED');
  await book(21, 23, 'CONFIRMED');
  await book(20, 25, 'CANCELLED');
  expect(await peakBookedRooms(db(), [roomTypeId], day(20), day(23))).toEqual(
    new Map([[roomTypeId, 2]]),
  );
  expect(await peakBookedRooms(db(), [roomTypeId], day(10), day(12))).toEqual(
    new Map([[roomTypeId, 0]]),
  );
  // The index is searched from the stay's first night: the past is never read (the function
  // is inlined into the query that calls it, or its plan would be opaque here).
  const plan = await db().$queryRaw<{ 'QUERY PLAN': string }[]>`
    EXPLAIN SELECT * FROM booked_rooms_peak(${[roomTypeId]}::uuid[], ${'2027-01-20'}::date,
      ${'2027-01-23'}::date)`;
  expect(plan.map((line) => line['QUERY PLAN']).join('\n')).toMatch(
    /Index Cond: \(\(room_type_id = r\.id\) AND \(check_out > [^)]+\) AND \(check_in < [^)]+\)\)/,
  );
});
