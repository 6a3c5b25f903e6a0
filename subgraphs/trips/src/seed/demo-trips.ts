import { demoId } from '@travel/service-kit';
import type { ItineraryItemKind } from '../domain/item-kinds.ts';

export interface DemoBooking {
  id: string;
  hotelId: string;
  /** `YYYY-MM-DD` or a Date at UTC midnight. */
  checkIn: Date | string;
}

export interface DemoTripOwner {
  userId: string;
  /** The owner's own bookings: items link to them, as a real owner's would. */
  bookings: DemoBooking[];
}

export interface DemoTrip {
  id: string;
  ownerId: string;
  title: string;
  destination: string;
  startDate: Date;
  endDate: Date;
}

export interface DemoItem {
  id: string;
  tripId: string;
  kind: ItineraryItemKind;
  title: string;
  startsAt: Date | null;
  notes: string | null;
  bookingId: string | null;
  hotelId: string | null;
}

const DAY_MS = 86_400_000;
const TITLES = ['Spring city break', 'Summer by the sea', 'Autumn food tour', 'Winter lights'];
const DESTINATIONS = ['Southern Europe', 'The Atlantic coast', 'Central Europe', 'The Alps'];
/** Trips without bookings start from a fixed day, so the data is the same on every run. */
const IDEAS_START = Date.UTC(2027, 4, 1);

function utcDay(value: Date | string): Date {
  const date = typeof value === 'string' && !value.includes('T') ? `${value}T00:00:00Z` : value;
  const time = new Date(date).getTime();
  return new Date(time - (time % DAY_MS));
}

const at = (day: Date, hour: number) => new Date(day.getTime() + hour * 3_600_000);

/**
 * Each owner gets a trip around their bookings (a STAY item per booking, linked to it) when
 * they have any, and a trip of ideas with a hotel to consider; every trip has items with and
 * without a time, so the ordering shows.
 */
export function buildDemoTrips(owners: DemoTripOwner[], hotelIds: string[]) {
  const trips: DemoTrip[] = [];
  const items: DemoItem[] = [];
  const item = (trip: DemoTrip, n: number, rest: Omit<DemoItem, 'id' | 'tripId'>) =>
    items.push({ id: demoId(`item:${trip.id}:${n}`), tripId: trip.id, ...rest });
  const none = { notes: null, bookingId: null, hotelId: null };

  owners.forEach((owner, i) => {
    const bookings = owner.bookings
      .map((booking) => ({ ...booking, day: utcDay(booking.checkIn) }))
      .sort((a, b) => a.day.getTime() - b.day.getTime())
      .slice(0, 5);
    const first = bookings[0];
    if (first) {
      const last = bookings.at(-1) ?? first;
      const end = Math.min(last.day.getTime() + 7 * DAY_MS, first.day.getTime() + 365 * DAY_MS);
      const trip = {
        id: demoId(`trip:${owner.userId}:bookings`),
        ownerId: owner.userId,
        title: TITLES[i % TITLES.length] ?? 'Trip',
        destination: DESTINATIONS[i % DESTINATIONS.length] ?? 'Europe',
        startDate: first.day,
        endDate: new Date(end),
      };
      trips.push(trip);
      item(trip, 0, {
        kind: 'NOTE',
        title: 'Packing list',
        startsAt: null,
        ...none,
        notes: 'Passport, adapters, sunscreen',
      });
      item(trip, 1, {
        kind: 'TRANSPORT',
        title: 'Flight out',
        startsAt: at(first.day, 8),
        ...none,
      });
      bookings
        .filter((booking) => booking.day.getTime() <= end)
        .forEach((booking, n) => {
          item(trip, 2 + n, {
            kind: 'STAY',
            title: 'Hotel stay',
            startsAt: at(booking.day, 15),
            notes: null,
            bookingId: booking.id,
            hotelId: booking.hotelId,
          });
        });
    }
    const start = new Date(IDEAS_START + (i % 28) * DAY_MS);
    const ideas = {
      id: demoId(`trip:${owner.userId}:ideas`),
      ownerId: owner.userId,
      title: 'Ideas for later',
      destination: DESTINATIONS[(i + 1) % DESTINATIONS.length] ?? 'Europe',
      startDate: start,
      endDate: new Date(start.getTime() + 3 * DAY_MS),
    };
    trips.push(ideas);
    item(ideas, 0, {
      kind: 'ACTIVITY',
      title: 'Old town walking tour',
      startsAt: at(start, 10),
      ...none,
    });
    item(ideas, 1, { kind: 'NOTE', title: 'Ask for restaurant tips', startsAt: null, ...none });
    const hotelId = hotelIds.length > 0 ? hotelIds[i % hotelIds.length] : undefined;
    if (hotelId) {
      item(ideas, 2, {
        kind: 'STAY',
        title: 'A hotel to consider',
        startsAt: null,
        ...none,
        hotelId,
      });
    }
  });
  return { trips, items };
}
