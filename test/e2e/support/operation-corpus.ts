// The README's signed-in query, as `pnpm bench` sends it.
import { SIGNED_IN } from '../../../bench/src/gateways/workloads.ts';
import { partnerOperation } from './partner-operations.ts';

/** Who sends an operation of the corpus. */
export type Caller = 'anonymous' | 'traveler' | 'partner' | 'admin';

/** Ids of the seeded demo data the corpus points at (read through the router first). */
export interface CorpusIds {
  traveler: string;
  otherTraveler: string;
  hotel: string;
  booking: string;
  otherBooking: string;
  trip: string;
}

export interface CorpusOperation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  as: Caller;
}

// Where a hotel is reached through another type: its plain columns (description, country,
// starRating) are read by the partner app's listed operation below, not repeated here.
const HOTEL = /* GraphQL */ `
  fragment HotelCard on Hotel {
    __typename
    id
    name
    city
    amenities
    averageRating
    owner { ...Person }
  }
  fragment Person on User { __typename id name role createdAt }
`;

const SEARCH = /* GraphQL */ `
  query Search($city: String, $first: Int, $after: String, $checkIn: Date!, $checkOut: Date!,
    $withRooms: Boolean!, $skipReviews: Boolean!) {
    searchHotels(input: { city: $city }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          ...HotelCard
          roomTypes @include(if: $withRooms) {
            id name maxGuests totalRooms
            nightlyRate { amount currency }
            availableRooms(checkIn: $checkIn, checkOut: $checkOut)
            hotel { id owner { id name } }
          }
          reviews(first: 3) @skip(if: $skipReviews) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges {
              cursor
              node {
                id rating comment createdAt
                author { ...Person reviews { id rating hotel { id name } } }
                hotel { id name }
              }
            }
          }
        }
      }
    }
  }
  ${HOTEL}
`;

const ME = /* GraphQL */ `
  query Me($first: Int, $status: BookingStatus) {
    me {
      __typename id name email role createdAt
      apiKeys { id name createdAt revokedAt }
      bookings(first: $first, status: $status) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          cursor
          node {
            id checkIn checkOut guests status createdAt updatedAt
            totalPrice { amount currency }
            guest { id name email }
            hotel { id name owner { id name } }
            roomType { id name hotel { id city } }
          }
        }
      }
      reviews { id rating comment hotel { id name } }
      trips {
        id title destination startDate endDate
        owner { id name }
        items {
          id kind title startsAt notes
          booking { id status hotel { id name } roomType { name } }
          hotel { id name city owner { name } }
        }
      }
    }
  }
`;

const BOOKING = /* GraphQL */ `
  query Booking($id: ID!) {
    booking(id: $id) {
      id status guests checkIn checkOut
      guest { id name }
      hotel { ...HotelCard }
      roomType { id name availableRooms(checkIn: "2027-03-01", checkOut: "2027-03-04") }
    }
  }
  ${HOTEL}
`;

const USER = /* GraphQL */ `
  query User($id: ID!, $withPrivate: Boolean!) {
    user(id: $id) {
      id name email role
      reviews { id hotel { name } }
      bookings(first: 2) @include(if: $withPrivate) { totalCount }
      trips @include(if: $withPrivate) { id }
    }
  }
`;

const ALIASES = /* GraphQL */ `
  query Aliases($hotel: ID!, $unknown: ID!) {
    first: hotel(id: $hotel) { ... on Hotel { n: name c: city } owner { who: name } }
    second: hotel(id: $hotel) { id rooms: roomTypes { id price: nightlyRate { amount } } }
    missing: hotel(id: $unknown) { id name }
    again: hotel(id: $hotel) { __typename ...HotelCard }
  }
  ${HOTEL}
`;

// The partner app's hotel page exactly as listed for it (schema/operations/partner/).
const PARTNER_HOTEL_DETAILS = partnerOperation('hotel-details');

const MANAGED_HOTEL = /* GraphQL */ `
  query Managed($id: ID!) { managedHotel(id: $id) { id name owner { name } } }
`;

const TRIP = /* GraphQL */ `
  query Trip($id: ID!) {
    trip(id: $id) {
      id title
      owner { ...Person }
      items { kind booking { id guest { name } hotel { name } } hotel { ...HotelCard } }
    }
  }
  ${HOTEL}
`;

const NESTED_SAME_ENTITIES = /* GraphQL */ `
  query Owners($city: String) {
    searchHotels(input: { city: $city }, first: 30) {
      edges { node { owner { id name reviews { id } } reviews(first: 5) { edges { node { author { id name } } } } } }
    }
  }
`;

// Hotels and room types of one step: two operations to hotels the router sends as one call.
const BOOKED_PLACES = /* GraphQL */ `
  query BookedPlaces($first: Int!, $reviews: Int, $details: Boolean!) {
    me {
      bookings(first: $first) {
        edges {
          node {
            id
            hotel {
              name averageRating city @include(if: $details)
              reviews(first: $reviews) { totalCount }
            }
            roomType { name maxGuests @include(if: $details) nightlyRate { amount currency } }
          }
        }
      }
    }
  }
`;

// Three operations to hotels in one step; a booking whose hotel fails is null, not the trip.
const TRIP_PLACES = /* GraphQL */ `
  query TripPlaces($reviews: Int) {
    me {
      trips {
        id
        items {
          id
          booking {
            id
            hotel { name reviews(first: $reviews) { totalCount } }
            roomType { name maxGuests }
          }
          hotel { name city }
        }
      }
    }
  }
`;

const BOOKED_PLACE = /* GraphQL */ `
  query BookedPlace($id: ID!) {
    booking(id: $id) { id hotel { name city } roomType { name maxGuests } }
  }
`;

/**
 * Operations whose answers must be the same from the router's plan executor and from
 * @apollo/gateway's: every contract field, fragments, aliases, variables, @include/@skip,
 * entity jumps across the four subgraphs, lists with the same entity many times, nulls and
 * errors, anonymous and signed in.
 */
export function corpus(ids: CorpusIds): CorpusOperation[] {
  const dates = { checkIn: '2027-02-01', checkOut: '2027-02-03' };
  const search = (city: string | null, first: number, flags: [boolean, boolean]) => ({
    city,
    first,
    ...dates,
    withRooms: flags[0],
    skipReviews: flags[1],
  });
  return [
    { name: 'typename only', query: '{ __typename }', as: 'anonymous' },
    { name: 'me, anonymous', query: ME, as: 'anonymous' },
    { name: 'me, traveler', query: ME, variables: { first: 10 }, as: 'traveler' },
    {
      name: 'me, traveler, confirmed',
      query: ME,
      variables: { first: 3, status: 'CONFIRMED' },
      as: 'traveler',
    },
    { name: 'me, partner', query: ME, as: 'partner' },
    { name: 'me, admin', query: ME, variables: { first: 5 }, as: 'admin' },
    {
      name: 'search, anonymous',
      query: SEARCH,
      variables: search('Lisbon', 5, [true, false]),
      as: 'anonymous',
    },
    {
      name: 'search, no rooms, no reviews',
      query: SEARCH,
      variables: search('Paris', 3, [false, true]),
      as: 'traveler',
    },
    {
      name: 'search, every city',
      query: SEARCH,
      variables: search(null, 20, [true, false]),
      as: 'admin',
    },
    {
      name: 'search, nowhere',
      query: SEARCH,
      variables: search('Atlantis', 5, [true, false]),
      as: 'anonymous',
    },
    {
      name: 'search, bad page size',
      query: SEARCH,
      variables: search('Lisbon', -1, [true, true]),
      as: 'anonymous',
    },
    {
      name: 'search, bad cursor',
      query: SEARCH,
      variables: { ...search('Rome', 2, [false, false]), after: 'nope' },
      as: 'anonymous',
    },
    {
      name: 'same entities many times',
      query: NESTED_SAME_ENTITIES,
      variables: { city: null },
      as: 'anonymous',
    },
    { name: 'booking, its guest', query: BOOKING, variables: { id: ids.booking }, as: 'traveler' },
    { name: 'booking, anonymous', query: BOOKING, variables: { id: ids.booking }, as: 'anonymous' },
    {
      name: "booking, someone else's",
      query: BOOKING,
      variables: { id: ids.otherBooking },
      as: 'traveler',
    },
    { name: 'booking, admin', query: BOOKING, variables: { id: ids.otherBooking }, as: 'admin' },
    { name: 'booking, unknown', query: BOOKING, variables: { id: 'no-such-booking' }, as: 'admin' },
    {
      name: 'user, public',
      query: USER,
      variables: { id: ids.traveler, withPrivate: false },
      as: 'anonymous',
    },
    {
      name: 'user, FORBIDDEN fields',
      query: USER,
      variables: { id: ids.otherTraveler, withPrivate: true },
      as: 'traveler',
    },
    {
      name: 'user, own private fields',
      query: USER,
      variables: { id: ids.traveler, withPrivate: true },
      as: 'traveler',
    },
    {
      name: 'user, unknown',
      query: USER,
      variables: { id: 'nobody', withPrivate: true },
      as: 'admin',
    },
    {
      name: 'aliases and fragments',
      query: ALIASES,
      variables: { hotel: ids.hotel, unknown: 'x' },
      as: 'anonymous',
    },
    {
      name: 'managed hotel, admin',
      query: MANAGED_HOTEL,
      variables: { id: ids.hotel },
      as: 'admin',
    },
    {
      name: 'managed hotel, not the owner',
      query: MANAGED_HOTEL,
      variables: { id: ids.hotel },
      as: 'traveler',
    },
    {
      name: 'managed hotel, anonymous',
      query: MANAGED_HOTEL,
      variables: { id: ids.hotel },
      as: 'anonymous',
    },
    { name: 'trip, owner', query: TRIP, variables: { id: ids.trip }, as: 'traveler' },
    { name: 'trip, someone else', query: TRIP, variables: { id: ids.trip }, as: 'partner' },
    {
      name: 'variables of the wrong type',
      query: USER,
      variables: { id: 1, withPrivate: 'yes' },
      as: 'anonymous',
    },
    { name: 'missing variable', query: SEARCH, variables: { city: 'Lisbon' }, as: 'anonymous' },
    {
      name: 'NOT_FOUND from a mutation',
      query:
        'mutation { addReview(hotelId: "no-such-hotel", rating: 4) { id hotel { name } author { name } } }',
      as: 'traveler',
    },
    {
      name: 'NOT_FOUND revoking an unknown key',
      query: 'mutation ($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }',
      variables: { id: 'no-such-key' },
      as: 'partner',
    },
    {
      name: 'UNAUTHENTICATED booking',
      query: `mutation { createBooking(input: { roomTypeId: "r", checkIn: "2027-01-01",
        checkOut: "2027-01-02", guests: 1, idempotencyKey: "k" }) { id } }`,
      as: 'anonymous',
    },
    {
      name: 'a wrong password',
      query: `mutation { logIn(email: "traveler@demo.travel", password: "wrong password!") {
        token user { id } } }`,
      as: 'anonymous',
    },
    {
      name: 'FORBIDDEN API key for a traveler',
      query: 'mutation { createApiKey(name: "nope") { secret apiKey { id name } } }',
      as: 'traveler',
    },
    {
      name: 'partner hotel details',
      query: PARTNER_HOTEL_DETAILS,
      variables: { id: ids.hotel, checkIn: '2027-03-01', checkOut: '2027-03-04' },
      as: 'partner',
    },
    {
      name: 'signed in, as the bench asks',
      query: SIGNED_IN,
      variables: { first: 10 },
      as: 'traveler',
    },
    {
      name: 'booked hotels and room types',
      query: BOOKED_PLACES,
      variables: { first: 5, reviews: 2, details: true },
      as: 'traveler',
    },
    {
      // Every hotel fails (a bad page size) and is null; its room types answer.
      name: 'booked hotels failing, room types not',
      query: BOOKED_PLACES,
      variables: { first: 5, reviews: -1, details: false },
      as: 'traveler',
    },
    {
      name: 'hotels of trips and their bookings',
      query: TRIP_PLACES,
      variables: { reviews: 1 },
      as: 'traveler',
    },
    {
      name: "trips' booked hotels failing, the rest not",
      query: TRIP_PLACES,
      variables: { reviews: -1 },
      as: 'traveler',
    },
    {
      name: 'a booking, its hotel and room type',
      query: BOOKED_PLACE,
      variables: { id: ids.booking },
      as: 'traveler',
    },
  ];
}

/** Operations answered with a subgraph down: partial data and its errors. */
export function corpusWithTripsDown(ids: CorpusIds): CorpusOperation[] {
  return [
    { name: 'me with trips down', query: ME, variables: { first: 2 }, as: 'traveler' },
    { name: 'trip with trips down', query: TRIP, variables: { id: ids.trip }, as: 'traveler' },
    {
      name: 'user with trips down',
      query: USER,
      variables: { id: ids.traveler, withPrivate: true },
      as: 'traveler',
    },
  ];
}

/** Operations answered with hotels down (accounts and trips too): one failed call for two fetches. */
export function corpusWithHotelsDown(ids: CorpusIds): CorpusOperation[] {
  return [
    {
      name: 'a booking with hotels down',
      query: BOOKED_PLACE,
      variables: { id: ids.booking },
      as: 'traveler',
    },
  ];
}

/** Operations answered with accounts down: every fetch of users fails, hotels answer. */
export function corpusWithAccountsDown(): CorpusOperation[] {
  const variables = {
    city: 'Lisbon',
    first: 5,
    checkIn: '2027-02-01',
    checkOut: '2027-02-03',
    withRooms: true,
    skipReviews: false,
  };
  return [
    { name: 'search with accounts down', query: SEARCH, variables, as: 'anonymous' },
    {
      name: 'owners with accounts down',
      query: NESTED_SAME_ENTITIES,
      variables: { city: 'Porto' },
      as: 'anonymous',
    },
  ];
}
