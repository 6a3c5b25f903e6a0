import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@travel/stack';
import { startForFile } from '@travel/testing';
import { describe, expect, it } from 'vitest';
import { dataOf, day } from './support/bookings.ts';
import { bookedPerNight } from './support/database.ts';
import { post } from './support/graphql.ts';
import { startTestStack } from './support/stack.ts';
import { logIn } from './support/users.ts';

const stack = startForFile(() => startTestStack({ seed: true }));

// accounts (me) → trips (trips, items) → bookings (booking) → hotels (hotel, room type) →
// bookings again (availableRooms, which @requires totalRooms from hotels).
const MY_TRIPS = /* GraphQL */ `
  query ($checkIn: Date!, $checkOut: Date!) {
    me {
      id
      name
      trips {
        title
        items {
          kind
          booking {
            id
            status
            checkIn
            checkOut
            totalPrice { amount currency }
            hotel { id name }
            roomType {
              id
              totalRooms
              nightlyRate { amount currency }
              availableRooms(checkIn: $checkIn, checkOut: $checkOut)
            }
          }
        }
      }
    }
  }
`;

interface LinkedBooking {
  id: string;
  status: string;
  checkIn: string;
  checkOut: string;
  totalPrice: { amount: number; currency: string };
  hotel: { id: string; name: string };
  roomType: {
    id: string;
    totalRooms: number;
    nightlyRate: { amount: number; currency: string };
    availableRooms: number;
  };
}
interface MyTrips {
  me: {
    id: string;
    name: string;
    trips: { title: string; items: { kind: string; booking: LinkedBooking | null }[] }[];
  };
}

const nights = (b: LinkedBooking) => (Date.parse(b.checkOut) - Date.parse(b.checkIn)) / 86_400_000;

describe('one query across all four subgraphs', () => {
  it("answers a demo traveller's trips with their bookings, hotels, rates and availability", async () => {
    const traveler = await logIn(stack().url, DEMO_ACCOUNTS.traveler, DEMO_PASSWORD);
    // The demo's bookings start today: the next 30 nights hold the traveller's first stays.
    const range = { checkIn: day(0), checkOut: day(30) };
    stack().resetSql();
    const res = await post<MyTrips>(stack().url, MY_TRIPS, range, traveler.auth);
    const { me } = dataOf(res);
    expect(me.id).toBe(traveler.id);
    expect(me.name).toMatch(/\w+ \w+/);

    const linked = me.trips.flatMap((trip) => trip.items.flatMap((item) => item.booking ?? []));
    expect(linked.length).toBeGreaterThan(0);
    for (const booking of linked) {
      expect(['PENDING', 'CONFIRMED', 'CANCELLED']).toContain(booking.status);
      expect(booking.hotel.name.length).toBeGreaterThan(0);
      expect(booking.roomType.nightlyRate.amount).toBeGreaterThan(0);
      // The price bookings fixed is the rate hotels tells, times the nights.
      expect(booking.totalPrice).toEqual({
        amount: booking.roomType.nightlyRate.amount * nights(booking),
        currency: booking.roomType.nightlyRate.currency,
      });
      const { availableRooms, totalRooms } = booking.roomType;
      expect(Number.isInteger(availableRooms)).toBe(true);
      expect(availableRooms).toBeGreaterThanOrEqual(0);
      expect(availableRooms).toBeLessThanOrEqual(totalRooms);
      // And it is the truth: total rooms minus the fullest night, counted in the database.
      const perNight = await bookedPerNight(
        stack().databaseUrls.bookings,
        booking.roomType.id,
        range.checkIn,
        range.checkOut,
      );
      const peak = Math.max(...perNight.map((n) => n.booked));
      expect(availableRooms).toBe(Math.max(0, totalRooms - peak));
    }
    // A stay inside the range holds one of its room type's rooms: fewer are free.
    const held = linked.filter((b) => b.status !== 'CANCELLED' && b.checkOut <= range.checkOut);
    expect(held.length).toBeGreaterThan(0);
    for (const booking of held) {
      expect(booking.roomType.availableRooms).toBeLessThan(booking.roomType.totalRooms);
    }
    // Every subgraph answered its part, each in at most two batched statements (no N+1).
    for (const name of ['accounts', 'trips', 'bookings', 'hotels'] as const) {
      expect(stack().sql[name].length, name).toBeGreaterThan(0);
      expect(stack().sql[name].length, name).toBeLessThanOrEqual(2);
    }
  });

  it("shows the hotel's own name for a booking, as hotels answers it directly", async () => {
    const traveler = await logIn(stack().url, DEMO_ACCOUNTS.traveler, DEMO_PASSWORD);
    const res = await post<MyTrips>(
      stack().url,
      MY_TRIPS,
      { checkIn: day(1), checkOut: day(2) },
      traveler.auth,
    );
    const [booking] = dataOf(res).me.trips.flatMap((t) => t.items.flatMap((i) => i.booking ?? []));
    if (!booking) throw new Error('the demo traveller has no linked booking');
    const hotel = await post<{ hotel: { name: string; roomTypes: { id: string }[] } }>(
      stack().url,
      'query ($id: ID!) { hotel(id: $id) { name roomTypes { id } } }',
      { id: booking.hotel.id },
    );
    expect(dataOf(hotel).hotel.name).toBe(booking.hotel.name);
    expect(dataOf(hotel).hotel.roomTypes.map((r) => r.id)).toContain(booking.roomType.id);
  });
});
