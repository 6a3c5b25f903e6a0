import { randomUUID } from 'node:crypto';
import { databaseForFile } from '@travel/testing';
import { expect, it } from 'vitest';
import { insertBooking } from '../../test/booking-rows.ts';
import { createDb } from '../db.ts';
import { bookingCounts, bookingPages, bookingsById } from './read-statements.ts';

const db = databaseForFile('bookings', createDb);
// A column added to the schema and missed by a statement fails here: rows must equal Prisma's.
it("reads bookings, their pages and counts exactly as Prisma's rows", async () => {
  const [guest, other] = [randomUUID(), randomUUID()];
  const book = (guestId: string, day: number, status: 'PENDING' | 'CONFIRMED') =>
    insertBooking(db(), {
      guestId,
      checkIn: new Date(Date.UTC(2027, 4, day)),
      checkOut: new Date(Date.UTC(2027, 4, day + 2)),
      guests: 2,
      status,
      totalPriceAmount: 19800,
      holdExpiresAt: status === 'PENDING' ? new Date(Date.UTC(2027, 0, 1, 12, 30)) : null,
    });
  for (const [guestId, day, status] of [
    [guest, 1, 'PENDING'],
    [guest, 5, 'CONFIRMED'],
    [guest, 9, 'CONFIRMED'],
    [other, 3, 'PENDING'],
  ] as const) {
    await book(guestId, day, status);
  }
  const newestFirst = await db().booking.findMany({
    orderBy: [{ guestId: 'asc' }, { id: 'desc' }],
  });
  const ofGuest = newestFirst.filter((b) => b.guestId === guest);
  const ids = newestFirst.map((b) => b.id);

  const rows = await db().$reads.rows(bookingsById, [ids]);
  expect([...rows].sort((x, y) => x.id.localeCompare(y.id))).toStrictEqual(
    [...newestFirst].sort((x, y) => x.id.localeCompare(y.id)),
  );
  // A page's rows are Prisma's; each carries its guest's total, cursor or not.
  const page = async (values: unknown[]) => {
    const rows = await db().$reads.rows(bookingPages, values);
    return {
      rows: rows.map(({ total: _total, ...booking }) => booking),
      totals: rows.map((row) => row.total),
    };
  };
  expect(await page([[guest, other], null, null, 10])).toStrictEqual({
    rows: newestFirst,
    totals: newestFirst.map((b) => (b.guestId === guest ? 3 : 1)),
  });
  // A guest asked twice is one guest: its rows once.
  expect(await page([[guest, guest.toUpperCase(), guest], null, null, 10])).toStrictEqual({
    rows: ofGuest,
    totals: ofGuest.map(() => 3),
  });
  expect(await page([[guest], ofGuest[0]?.id, null, 1])).toStrictEqual({
    rows: ofGuest.slice(1, 2),
    totals: [3],
  });
  expect(await page([[guest], ofGuest[1]?.id, null, 5])).toStrictEqual({
    rows: ofGuest.slice(2),
    totals: [3],
  });
  expect(await page([[guest], ofGuest[2]?.id, null, 5])).toStrictEqual({ rows: [], totals: [] });
  expect(await page([[guest], null, 'PENDING', 10])).toStrictEqual({
    rows: ofGuest.filter((b) => b.status === 'PENDING'),
    totals: [1],
  });
  expect(await page([[guest], null, 'CONFIRMED', 1])).toStrictEqual({
    rows: ofGuest.filter((b) => b.status === 'CONFIRMED').slice(0, 1),
    totals: [2],
  });
  const counts = await db().$reads.rows(bookingCounts, [[guest, other, randomUUID()], null]);
  expect(counts.sort((x, y) => x.count - y.count)).toStrictEqual([
    { guestId: other, count: 1 },
    { guestId: guest, count: 3 },
  ]);
  expect(await db().$reads.rows(bookingCounts, [[guest], 'CONFIRMED'])).toStrictEqual([
    { guestId: guest, count: 2 },
  ]);
});
