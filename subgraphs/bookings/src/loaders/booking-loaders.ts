import type { Page } from '@travel/service-kit';
import { byIdLoader, listLoader, validIds } from '@travel/service-kit';
import DataLoader from 'dataloader';
import type { Db } from '../db.ts';
import type { Booking, BookingStatus } from '../generated/prisma/client.ts';
import { bookingCounts, bookingPages, bookingsById } from './read-statements.ts';

export function createBookingLoaders(db: Db) {
  const pages = new Map<string, DataLoader<string, Booking[]>>();
  const counts = new Map<string, DataLoader<string, number>>();
  return {
    bookingById: byIdLoader((ids) => db.$reads.rows(bookingsById, [ids])),
    /**
     * One page of each guest's bookings, newest first, `take + 1` rows (the extra one proves
     * a next page), for every guest asked with the same page and status in ONE query.
     */
    bookingPage(page: Page, status: BookingStatus | null): DataLoader<string, Booking[]> {
      const key = `${page.take}:${page.afterId ?? ''}:${status ?? ''}`;
      let loader = pages.get(key);
      if (!loader) {
        loader = listLoader<Booking>(
          (row) => row.guestId,
          async (ids) => {
            const rows = await db.$reads.rows(bookingPages, [
              ids,
              page.afterId ?? null,
              status,
              page.take + 1,
            ]);
            // A page's totalCount then sends no statement (a guest without rows here still
            // asks booking_counts: none after the cursor says nothing of the total).
            const count = bookingCount(status);
            return rows.map(({ total, ...booking }) => {
              count.prime(booking.guestId, total);
              return booking;
            });
          },
        );
        pages.set(key, loader);
      }
      return loader;
    },
    bookingCount,
  };

  /** Each guest's bookings (of `status`, or all), counted in one grouped query. */
  function bookingCount(status: BookingStatus | null): DataLoader<string, number> {
    const key = status ?? '';
    let loader = counts.get(key);
    if (!loader) {
      loader = new DataLoader<string, number>(async (keys) => {
        const ids = validIds(keys);
        const rows = ids.length > 0 ? await db.$reads.rows(bookingCounts, [ids, status]) : [];
        const byGuest = new Map(rows.map((row) => [row.guestId, row.count]));
        return keys.map((guestId) => byGuest.get(guestId.toLowerCase()) ?? 0);
      });
      counts.set(key, loader);
    }
    return loader;
  }
}
