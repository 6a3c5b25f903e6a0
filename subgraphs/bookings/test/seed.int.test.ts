import { databaseForFile } from '@travel/testing';
import { describe, expect, it } from 'vitest';
import { createDb } from '../src/db.ts';
import { addDays, utcDay } from '../src/domain/booking-rules.ts';
import { peakBookedRooms } from '../src/domain/occupancy.ts';
import { seedDemoBookings } from '../src/seed/seed-demo-bookings.ts';

const db = databaseForFile('bookings', createDb);

describe('seedDemoBookings', () => {
  it('writes bookings that fill some nights exactly, and adds nothing when run again', async () => {
    const roomTypes = Array.from({ length: 4 }, (_, i) => ({
      id: crypto.randomUUID(),
      hotelId: crypto.randomUUID(),
      ownerId: crypto.randomUUID(),
      totalRooms: 3 + i,
      maxGuests: 2,
      nightlyRateAmount: 8000,
      currency: 'EUR',
    }));
    const options = {
      roomTypes,
      guestIds: [crypto.randomUUID(), crypto.randomUUID()],
      today: new Date(),
    };
    const [first] = roomTypes;
    const { created } = await seedDemoBookings(db(), options);
    expect(created).toBeGreaterThan(first?.totalRooms ?? Infinity);
    expect(await seedDemoBookings(db(), options)).toEqual({ created: 0 });

    const today = utcDay(new Date());
    const peaks = await peakBookedRooms(
      db(),
      roomTypes.map((rt) => rt.id),
      today,
      addDays(today, 90),
    );
    for (const rt of roomTypes) expect(peaks.get(rt.id)).toBeLessThanOrEqual(rt.totalRooms);
    // The first room type is filled to its last room for a few nights.
    expect(peaks.get(first?.id ?? '')).toBe(first?.totalRooms);
  });
});
