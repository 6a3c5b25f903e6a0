import type { Db } from '../db.ts';
import { type DemoBookingsOptions, planDemoBookings } from './plan-demo-bookings.ts';

export type { DemoBookingsOptions, SeedRoomType } from './plan-demo-bookings.ts';

/**
 * Writes the demo bookings of `planDemoBookings`. Running it again adds nothing: the rows'
 * idempotency keys are fixed, and duplicates are skipped.
 */
export async function seedDemoBookings(
  db: Db,
  options: DemoBookingsOptions,
): Promise<{ created: number }> {
  const rows = planDemoBookings(options);
  let created = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const { count } = await db.booking.createMany({
      data: rows.slice(i, i + 1000),
      skipDuplicates: true,
    });
    created += count;
  }
  return { created };
}
