import { demoId } from '@travel/service-kit';
import { createRandom } from './random.ts';

/** Everyone in the demo signs in with this password (README lists the accounts). */
export const DEMO_PASSWORD = 'travel-demo-2026';
export const DEMO_ACCOUNTS = {
  admin: 'admin@demo.travel',
  partner: 'partner@demo.travel',
  traveler: 'traveler@demo.travel',
} as const;

const CITIES = [
  { city: 'Lisbon', country: 'PT', currency: 'EUR' },
  { city: 'Porto', country: 'PT', currency: 'EUR' },
  { city: 'Madrid', country: 'ES', currency: 'EUR' },
  { city: 'Barcelona', country: 'ES', currency: 'EUR' },
  { city: 'Paris', country: 'FR', currency: 'EUR' },
  { city: 'Lyon', country: 'FR', currency: 'EUR' },
  { city: 'Rome', country: 'IT', currency: 'EUR' },
  { city: 'Milan', country: 'IT', currency: 'EUR' },
  { city: 'Berlin', country: 'DE', currency: 'EUR' },
  { city: 'Amsterdam', country: 'NL', currency: 'EUR' },
  { city: 'Vienna', country: 'AT', currency: 'EUR' },
  { city: 'Prague', country: 'CZ', currency: 'CZK' },
  { city: 'London', country: 'GB', currency: 'GBP' },
  { city: 'Copenhagen', country: 'DK', currency: 'DKK' },
] as const;

const FIRST = [
  'Ana',
  'João',
  'Marta',
  'Luis',
  'Sofia',
  'Pierre',
  'Giulia',
  'Jonas',
  'Emma',
  'Noah',
];
const LAST = [
  'Silva',
  'Costa',
  'García',
  'Martin',
  'Rossi',
  'Müller',
  'de Vries',
  'Novák',
  'Smith',
];
const STYLE = ['Grand', 'Old Town', 'Harbour', 'Garden', 'Central', 'Riverside', 'Royal', 'Little'];
const KIND = ['Hotel', 'Inn', 'Suites', 'Residence', 'Lodge', 'House', 'Palace', 'Hostel'];
const AMENITIES = ['wifi', 'breakfast', 'pool', 'gym', 'spa', 'parking', 'bar', 'pets', 'sea view'];
const ROOMS = [
  { name: 'Standard Double', maxGuests: 2, rate: [6000, 14000] },
  { name: 'Superior Twin', maxGuests: 3, rate: [9000, 20000] },
  { name: 'Family Suite', maxGuests: 5, rate: [15000, 40000] },
] as const;
const COMMENTS = [
  'Lovely staff and a great breakfast.',
  'Clean rooms, a bit noisy at night.',
  'Perfect location for walking everywhere.',
  'Would stay again.',
  'The photos flatter it.',
  null,
];

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  role: 'TRAVELER' | 'PARTNER' | 'ADMIN';
}

/** 50 users, 200 hotels in 14 cities with 3 room types each, 1,000 reviews — deterministic. */
export function buildDemoData() {
  const random = createRandom(2026);
  const users: DemoUser[] = Array.from({ length: 50 }, (_, i) => {
    const role = i === 0 ? 'ADMIN' : i <= 5 ? 'PARTNER' : 'TRAVELER';
    const email =
      i === 0
        ? DEMO_ACCOUNTS.admin
        : i === 1
          ? DEMO_ACCOUNTS.partner
          : i === 6
            ? DEMO_ACCOUNTS.traveler
            : `user${i}@demo.travel`;
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    return { id: demoId(`user:${i}`), email, name, role };
  });
  const partners = users.filter((u) => u.role === 'PARTNER');
  const travelers = users.filter((u) => u.role === 'TRAVELER');

  const hotels = Array.from({ length: 200 }, (_, i) => {
    const place = CITIES[i % CITIES.length] ?? CITIES[0];
    const owner = partners[i % partners.length] ?? partners[0];
    if (!owner) throw new Error('demo data needs a partner');
    const amenities = AMENITIES.filter(() => random.next() < 0.4);
    return {
      id: demoId(`hotel:${i}`),
      ownerId: owner.id,
      name: `${random.pick(STYLE)} ${random.pick(KIND)} ${place.city} ${i + 1}`,
      description: `A ${random.int(2, 5)}-floor stay in ${place.city}, ${random.int(1, 30)} minutes from the centre.`,
      city: place.city,
      cityKey: place.city.toLowerCase(),
      country: place.country,
      starRating: random.int(1, 5),
      amenities,
      currency: place.currency,
    };
  });

  const roomTypes = hotels.flatMap((hotel, h) =>
    ROOMS.map((room, r) => ({
      id: demoId(`room-type:${h}:${r}`),
      hotelId: hotel.id,
      name: room.name,
      maxGuests: room.maxGuests,
      totalRooms: random.int(3, 20),
      nightlyRateAmount: Math.round(random.int(room.rate[0], room.rate[1]) / 100) * 100,
      currency: hotel.currency,
    })),
  );

  const reviews = Array.from({ length: 1000 }, (_, i) => {
    const hotel = hotels[random.int(0, hotels.length - 1)];
    const author = travelers[random.int(0, travelers.length - 1)];
    if (!hotel || !author) throw new Error('demo data needs hotels and travelers');
    return {
      id: demoId(`review:${i}`),
      hotelId: hotel.id,
      authorId: author.id,
      rating: Math.min(5, random.int(1, 5) + random.int(0, 1)),
      comment: random.pick(COMMENTS),
    };
  });

  return { users, hotels: hotels.map(({ currency: _c, ...hotel }) => hotel), roomTypes, reviews };
}
