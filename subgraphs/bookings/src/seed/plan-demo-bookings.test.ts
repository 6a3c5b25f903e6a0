import { describe, expect, it } from 'vitest';
import { planDemoBookings, type SeedRoomType } from './plan-demo-bookings.ts';

const roomTypes: SeedRoomType[] = Array.from({ length: 6 }, (_, i) => ({
  id: `00000000-0000-7000-8000-00000000000${i}`,
  hotelId: '00000000-0000-7000-8000-0000000000aa',
  ownerId: '00000000-0000-7000-8000-0000000000bb',
  totalRooms: 2 + i,
  maxGuests: 2,
  nightlyRateAmount: 10_000,
  currency: 'EUR',
}));
const options = {
  roomTypes,
  guestIds: ['00000000-0000-7000-8000-0000000000c1', '00000000-0000-7000-8000-0000000000c2'],
  today: new Date('2026-11-21T15:00:00Z'),
};

/** Rooms held per room type and night. */
function occupancy(rows: ReturnType<typeof planDemoBookings>) {
  const held = new Map<string, number>();
  for (const row of rows) {
    if (row.status === 'CANCELLED') continue;
    const first = new Date(row.checkIn).getTime();
    const last = new Date(row.checkOut).getTime();
    for (let night = first; night < last; night += 86_400_000) {
      const key = `${row.roomTypeId}/${night}`;
      held.set(key, (held.get(key) ?? 0) + 1);
    }
  }
  return held;
}

describe('planDemoBookings', () => {
  it('is deterministic', () => {
    expect(planDemoBookings(options)).toEqual(planDemoBookings(options));
  });

  it('never overbooks, and fills some room types to the last room on some nights', () => {
    const rows = planDemoBookings(options);
    const held = occupancy(rows);
    const capacity = new Map(roomTypes.map((rt) => [rt.id, rt.totalRooms]));
    for (const [key, count] of held) {
      expect(count).toBeLessThanOrEqual(capacity.get(key.split('/')[0] as string) as number);
    }
    const full = [...held].filter(
      ([key, count]) => count === capacity.get(key.split('/')[0] as string),
    );
    expect(full.length).toBeGreaterThan(0);
  });

  it('stays within the next 90 days and prices rate x nights', () => {
    for (const row of planDemoBookings(options)) {
      const checkIn = new Date(row.checkIn).getTime();
      const checkOut = new Date(row.checkOut).getTime();
      expect(checkIn).toBeGreaterThanOrEqual(Date.parse('2026-11-21T00:00:00Z'));
      expect(checkOut).toBeLessThanOrEqual(Date.parse('2027-02-19T00:00:00Z'));
      expect(row.totalPriceAmount).toBe(10_000 * ((checkOut - checkIn) / 86_400_000));
    }
  });
});
