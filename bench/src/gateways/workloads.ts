// What the load generator sends: four queries, each as an identical workload (every request
// the same) and a varied one (variables drawn per request from a seeded set, so no two
// concurrent requests are the same and deduplication can not help). Pure: builds request
// descriptions from fixtures; the load generator's process turns them into autocannon's.
import { randomUUID } from 'node:crypto';
import { seededRandom } from '@travel/service-kit';

export const QUERY_NAMES = ['search', 'signed-in', 'partner', 'mutations'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];
export const WORKLOADS = ['identical', 'varied'] as const;
export type Workload = (typeof WORKLOADS)[number];

/** Requests wrk cycles through for a varied workload: enough that its repeats are far apart. */
export const VARIED_LIST_LENGTH = 4096;

export const QUERY_TITLES: Record<QueryName, string> = {
  search: 'README search, anonymous (hotels, accounts)',
  'signed-in': 'signed-in: me, bookings with hotel/roomType, trips with items (all four)',
  partner: 'partner operation by persisted id, x-api-key (hotels, bookings)',
  mutations: 'mutation mix: createBooking then cancelBooking, signed in (bookings, hotels)',
};

/** What the bench seeded and minted, handed to the load generator's process. */
export interface Fixtures {
  /** One token per traveler (signed-in and mutation workloads). */
  travelerTokens: string[];
  /** A partner's API key (our routers) and the token a router mints for it (the peers). */
  partnerApiKey: string;
  partnerToken: string;
  /** The persisted id of PartnerHotelDetails and its body (sent in full to the peers). */
  partnerOperation: { id: string; body: string };
  hotelIds: string[];
  roomTypes: { id: string; maxGuests: number }[];
  /** `YYYY-MM-DD` of the first day the varied dates may start on (after today: never past). */
  firstDay: string;
}

export interface RequestSpec {
  headers: Record<string, string>;
  body: string;
}

/** One connection's sequence: each request may read what the previous one answered. */
export interface Sequence {
  next(previousAnswer: string | undefined): RequestSpec;
  /**
   * What to send once the load has stopped, given the last answer, so that a cell leaves
   * nothing behind for the next one (the mutation mix: the cancel of a booking made but not yet
   * cancelled, which would otherwise hold its rooms and fill them up as a run goes on; or the
   * request whose answer never came, sent again).
   */
  leftover?(lastAnswer: string | undefined): RequestSpec | undefined;
}

const SEARCH = `query Search($city: String, $first: Int!, $reviews: Int!) {
  searchHotels(input: { city: $city }, first: $first) {
    totalCount
    edges { node { name owner { name } reviews(first: $reviews) { edges { node { rating author { name } } } } } }
  }
}`;

/** The README's signed-in query; test/e2e/sql-statements.e2e.ts counts its SQL statements. */
export const SIGNED_IN = `query MyTravel($first: Int!) {
  me {
    name
    bookings(first: $first) {
      totalCount
      edges { node { status checkIn checkOut hotel { name city } roomType { name maxGuests } } }
    }
    trips { title destination startDate items { title kind startsAt } }
  }
}`;

const CREATE = `mutation Book($input: CreateBookingInput!) {
  createBooking(input: $input) { id status totalPrice { amount currency } hotel { name } }
}`;
const CANCEL = `mutation Cancel($id: ID!) { cancelBooking(id: $id) { id status } }`;

const CITIES = ['Lisbon', 'Porto', 'Madrid', 'Barcelona', 'Paris', 'Lyon', 'Rome', 'Milan'];
const JSON_TYPE = { 'content-type': 'application/json' };

/** `YYYY-MM-DD` of `first` plus `days`. */
export function addDays(first: string, days: number): string {
  return new Date(Date.parse(`${first}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Every combination of the given choices, in a seeded order (so concurrent ones differ). */
export function shuffledProduct<T>(choices: readonly T[][], seed: number): T[][] {
  let product: T[][] = [[]];
  for (const options of choices) product = product.flatMap((p) => options.map((o) => [...p, o]));
  const random = seededRandom(seed);
  for (let i = product.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [product[i], product[j]] = [product[j] as T[], product[i] as T[]];
  }
  return product;
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The sequences of one query and workload. `connection` numbers the load generator's
 * connections; varied requests walk one seeded list of combinations in turn, shared by every
 * connection, so the requests in flight at once are different ones.
 */
export function createSequenceFactory(
  query: QueryName,
  workload: Workload,
  fixtures: Fixtures,
  options: { router: boolean; seed: number },
): (connection: number) => Sequence {
  const varied = workload === 'varied';
  const bearer = (token: string) => ({ ...JSON_TYPE, authorization: `Bearer ${token}` });
  const fixed = (spec: RequestSpec) => () => ({ next: () => spec });
  const cycle = <T>(choices: T[][]) => {
    const combos = shuffledProduct(choices, options.seed);
    let turn = 0;
    return () => combos[turn++ % combos.length] as T[];
  };
  const travelers = fixtures.travelerTokens;

  if (query === 'search') {
    const body = (city: string, first: number, reviews: number) =>
      JSON.stringify({ query: SEARCH, variables: { city, first, reviews } });
    if (!varied) return fixed({ headers: JSON_TYPE, body: body('Lisbon', 5, 2) });
    const draw = cycle<string | number>([CITIES, [3, 5, 8, 10, 15, 20], [1, 2, 3]]);
    return () => ({
      next: () => {
        const [city, first, reviews] = draw() as [string, number, number];
        return { headers: JSON_TYPE, body: body(city, first, reviews) };
      },
    });
  }

  if (query === 'signed-in') {
    const body = (first: number) => JSON.stringify({ query: SIGNED_IN, variables: { first } });
    const [token] = travelers;
    if (!token) throw new Error('no traveler token');
    if (!varied) return fixed({ headers: bearer(token), body: body(10) });
    const draw = cycle<number>([range(0, travelers.length - 1), [5, 6, 7, 8, 9, 10]]);
    return () => ({
      next: () => {
        const [user, first] = draw() as [number, number];
        return { headers: bearer(travelers[user] ?? token), body: body(first) };
      },
    });
  }

  if (query === 'partner') {
    const { id, body: document } = fixtures.partnerOperation;
    const spec = (hotel: string, checkIn: string, checkOut: string): RequestSpec => {
      const variables = { id: hotel, checkIn, checkOut };
      return options.router
        ? {
            headers: { ...JSON_TYPE, 'x-api-key': fixtures.partnerApiKey },
            body: JSON.stringify({
              extensions: { persistedQuery: { version: 1, sha256Hash: id } },
              variables,
            }),
          }
        : {
            headers: bearer(fixtures.partnerToken),
            body: JSON.stringify({ query: document, variables }),
          };
    };
    const hotels = fixtures.hotelIds;
    const first = fixtures.firstDay;
    if (!varied) return fixed(spec(hotels[0] ?? '', addDays(first, 7), addDays(first, 9)));
    const draw = cycle<number>([range(0, hotels.length - 1), range(0, 59), [1, 2, 3, 5]]);
    return () => ({
      next: () => {
        const [hotel, start, nights] = draw() as [number, number, number];
        return spec(hotels[hotel] ?? '', addDays(first, start), addDays(first, start + nights));
      },
    });
  }

  // Mutations: a write is never the same twice (each has its own idempotency key), so there is
  // one workload; a sequence books as one traveler, then cancels what it booked (one cycle of
  // a connection: CYCLE_LENGTHS). Every run (every cell and warm-up, every gateway) gets keys
  // of its own: a key used by an earlier run is answered from the stored booking (no hotels
  // call, no insert), so the gateway measured after another would get the cheaper replays.
  const draw = cycle<number>([range(0, fixtures.roomTypes.length - 1), range(0, 299), [1, 2, 3]]);
  const run = randomUUID().slice(0, 8);
  let written = 0;
  return (connection) => {
    const token = travelers[connection % travelers.length] ?? '';
    let pending: 'create' | 'cancel' = 'create';
    // The request last sent, and the answer the connection held when it was sent: while that
    // is still the last answer, the request was in flight when the load stopped.
    let last: { spec: RequestSpec; answerBefore: string | undefined } | undefined;
    const sent = (spec: RequestSpec, answerBefore: string | undefined) => {
      last = { spec, answerBefore };
      return spec;
    };
    const cancel = (id: string): RequestSpec => ({
      headers: bearer(token),
      body: JSON.stringify({ query: CANCEL, variables: { id } }),
    });
    return {
      leftover(lastAnswer) {
        if (!last) return undefined;
        // In flight: sent again. A booking, with its idempotency key, answers the booking it
        // made, if it made one (or makes it now), which the sender then cancels
        // (cancelOfLeftover); a cancel that did land is refused the second time, harmlessly.
        if (lastAnswer === last.answerBefore) return last.spec;
        const id = pending === 'cancel' ? bookingIdIn(lastAnswer) : undefined;
        return id ? cancel(id) : undefined;
      },
      next(previousAnswer) {
        if (pending === 'cancel') {
          pending = 'create';
          return sent(cancel(bookingIdIn(previousAnswer) ?? 'none'), previousAnswer);
        }
        pending = 'cancel';
        const [room, start, nights] = draw() as [number, number, number];
        const roomType = fixtures.roomTypes[room];
        const input = {
          roomTypeId: roomType?.id,
          checkIn: addDays(fixtures.firstDay, start),
          checkOut: addDays(fixtures.firstDay, start + nights),
          guests: Math.min(2, roomType?.maxGuests ?? 1),
          idempotencyKey: `bench-${options.seed}-${run}-${connection}-${written++}`,
        };
        const spec = {
          headers: bearer(token),
          body: JSON.stringify({ query: CREATE, variables: { input } }),
        };
        return sent(spec, previousAnswer);
      },
    };
  };
}

/**
 * What a leftover's `answer` still owes: the cancel of the booking a booking request sent
 * again answered (see the mutation mix's `leftover`), as the same traveler; else nothing.
 */
export function cancelOfLeftover(leftover: RequestSpec, answer: string): RequestSpec | undefined {
  const id = bookingIdIn(answer);
  return id
    ? { headers: leftover.headers, body: JSON.stringify({ query: CANCEL, variables: { id } }) }
    : undefined;
}

function bookingIdIn(answer: string | undefined): string | undefined {
  if (!answer) return undefined;
  try {
    return (JSON.parse(answer) as { data?: { createBooking?: { id?: string } } }).data
      ?.createBooking?.id;
  } catch {
    return undefined;
  }
}

export const VARIED_ONLY: readonly QueryName[] = ['mutations'];
/**
 * Workloads whose next request depends on the previous answer, with the requests of one cycle
 * (the mutation mix: a booking, then its cancel). A sequence lives for one cycle on autocannon
 * (load-generator.ts).
 */
export const CYCLE_LENGTHS: Partial<Record<QueryName, number>> = { mutations: 2 };
export const READS_ANSWERS = Object.keys(CYCLE_LENGTHS) as QueryName[];
