import type { Page } from '@travel/subgraph-kit';
import { byIdLoader, listLoader, validIds } from '@travel/subgraph-kit';
import DataLoader from 'dataloader';
import type { Db } from '../db.ts';
import { type Booking, type BookingStatus, Prisma } from '../generated/prisma/client.ts';

export function createBookingLoaders(db: Db) {
  const pages = new Map<string, DataLoader<string, Booking[]>>();
  const counts = new Map<string, DataLoader<string, number>>();
  return {
    bookingById: byIdLoader<Booking>((ids) => db.booking.findMany({ where: { id: { in: ids } } })),
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
          (ids) => findBookingPages(db, ids, page, status),
        );
        pages.set(key, loader);
      }
      return loader;
    },
    /** Each guest's bookings (of `status`, or all), counted in one grouped query. */
    bookingCount(status: BookingStatus | null): DataLoader<string, number> {
      const key = status ?? '';
      let loader = counts.get(key);
      if (!loader) {
        loader = new DataLoader<string, number>(async (keys) => {
          const ids = validIds(keys);
          const groups =
            ids.length > 0
              ? await db.booking.groupBy({
                  by: ['guestId'],
                  where: { guestId: { in: ids }, ...(status ? { status } : {}) },
                  _count: { _all: true },
                })
              : [];
          const byGuest = new Map(groups.map((group) => [group.guestId, group._count._all]));
          return keys.map((guestId) => byGuest.get(guestId.toLowerCase()) ?? 0);
        });
        counts.set(key, loader);
      }
      return loader;
    },
  };
}

/** `row_number()` per guest cuts every guest's page in the same statement. */
function findBookingPages(
  db: Db,
  guestIds: string[],
  { take, afterId }: Page,
  status: BookingStatus | null,
): Promise<Booking[]> {
  // Ids are uuid v7, so id order is creation order (the resolver checked the cursor is one).
  const after = afterId ? Prisma.sql`AND id < ${afterId}::uuid` : Prisma.empty;
  const ofStatus = status ? Prisma.sql`AND status = ${status}::"BookingStatus"` : Prisma.empty;
  return db.$queryRaw<Booking[]>`
    SELECT id::text, guest_id::text AS "guestId", room_type_id::text AS "roomTypeId",
           hotel_id::text AS "hotelId", hotel_owner_id::text AS "hotelOwnerId",
           check_in AS "checkIn", check_out AS "checkOut", guests, status::text AS status,
           total_price_amount AS "totalPriceAmount", currency,
           idempotency_key AS "idempotencyKey", hold_expires_at AS "holdExpiresAt",
           created_at AS "createdAt", updated_at AS "updatedAt"
    FROM (
      SELECT b.*, row_number() OVER (PARTITION BY guest_id ORDER BY id DESC) AS position
      FROM bookings b
      WHERE guest_id = ANY(${guestIds}::uuid[]) ${after} ${ofStatus}
    ) ranked
    WHERE position <= ${take + 1}
    ORDER BY guest_id, id DESC`;
}
