import { describe, expect, it } from 'vitest';
import { tripDays } from '../domain/trip-input.ts';
import { buildDemoTrips } from './demo-trips.ts';

const owners = [
  {
    userId: '00000000-0000-4000-a000-000000000001',
    bookings: [
      { id: 'b2', hotelId: 'h2', checkIn: '2027-06-10' },
      { id: 'b1', hotelId: 'h1', checkIn: new Date('2027-06-01T00:00:00Z') },
    ],
  },
  { userId: '00000000-0000-4000-a000-000000000002', bookings: [] },
];
const hotelIds = ['h1', 'h2', 'h3'];

describe('buildDemoTrips', () => {
  it('is deterministic', () => {
    expect(buildDemoTrips(owners, hotelIds)).toEqual(buildDemoTrips(owners, hotelIds));
  });

  it('gives owners with bookings a trip around them, linking only their own bookings', () => {
    const { trips, items } = buildDemoTrips(owners, hotelIds);
    const [withBookings] = trips;
    expect(withBookings?.ownerId).toBe(owners[0]?.userId);
    expect(withBookings?.startDate.toISOString()).toBe('2027-06-01T00:00:00.000Z');
    const linked = items.filter((item) => item.bookingId !== null);
    expect(linked.map((item) => [item.bookingId, item.hotelId, item.tripId])).toEqual([
      ['b1', 'h1', withBookings?.id],
      ['b2', 'h2', withBookings?.id],
    ]);
    expect(trips.filter((trip) => trip.ownerId === owners[1]?.userId)).toHaveLength(1);
  });

  it('writes only trips a client could have created', () => {
    const { trips, items } = buildDemoTrips(owners, hotelIds);
    for (const trip of trips) {
      const days = tripDays(trip.startDate, trip.endDate);
      expect(days).toBeGreaterThanOrEqual(1);
      expect(days).toBeLessThanOrEqual(366);
      expect(items.some((item) => item.tripId === trip.id && item.startsAt === null)).toBe(true);
    }
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  });
});
