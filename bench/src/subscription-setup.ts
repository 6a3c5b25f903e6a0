// The subscription bench's world, made through the router as apps make it: users sign up,
// owners open a hotel with a room type, each guest books one stay before the run.
import { randomUUID } from 'node:crypto';
import type { ClientSocket } from './subscription-clients.ts';
import { type BenchPlan, hotelOf, SELECTIONS } from './subscription-plan.ts';

export interface BenchUser {
  id: string;
  token: string;
  /** Owners: their hotel. */
  hotelId?: string;
  roomTypeId?: string;
  /** Guests: the booking made before the run (followed by `bookingUpdated`). */
  bookingId?: string;
}

/** Requests in flight at once while setting up (sign-up hashes a password: CPU-bound). */
const CONCURRENCY = 8;
/** Days ahead of every stay: a check-in is never in the past, and rooms never run out. */
const CHECK_IN_DAYS = 30;

/** One GraphQL request through the router; throws on errors (the setup must not half-fail). */
// biome-ignore lint/suspicious/noExplicitAny: a bench reads the few fields it asked for
export async function graphql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors ?? body));
  return body.data;
}

export const stay = (days = CHECK_IN_DAYS) => {
  const at = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  return { checkIn: at(days), checkOut: at(days + 2) };
};

export const CREATE_BOOKING =
  'mutation ($input: CreateBookingInput!) { createBooking(input: $input) { id status } }';

/**
 * `task` for 0 … count-1 with at most CONCURRENCY in flight, results in order. A task that
 * answers SERVICE_UNAVAILABLE (bookings' call to hotels timing out on a loaded machine) is
 * tried again, up to 12 times: setting up is not what the bench measures.
 */
async function pool<T>(count: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const attempt = async (i: number, tries = 1): Promise<T> => {
    try {
      return await task(i);
    } catch (error) {
      if (tries >= 12 || !String(error).includes('SERVICE_UNAVAILABLE')) throw error;
      // Past bookings' circuit breaker, which stays open a while after timeouts.
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * tries, 5000)));
      return attempt(i, tries + 1);
    }
  };
  const worker = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await attempt(i);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
  return results;
}

/** Signs every user of the plan up, then opens the owners' hotels and books the guests' stays. */
export async function setUpUsers(
  url: string,
  plan: BenchPlan,
  run: string,
  log: (line: string) => void,
): Promise<BenchUser[]> {
  const started = performance.now();
  const phase = (name: string) =>
    log(`  ${name} after ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const users = await pool(plan.users, async (i) => {
    const { signUp } = await graphql(
      url,
      'mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }',
      {
        input: {
          email: `user${i}-${run}@bench.test`,
          password: 'correct horse battery',
          name: `Bench User ${i}`,
          role: i < plan.owners ? 'PARTNER' : 'TRAVELER',
        },
      },
    );
    return { id: signUp.user.id as string, token: signUp.token as string } as BenchUser;
  });
  phase(`${plan.users} users signed up`);
  await pool(plan.owners, async (i) => {
    const owner = users[i] as BenchUser;
    const { createHotel } = await graphql(
      url,
      'mutation ($input: CreateHotelInput!) { createHotel(input: $input) { id } }',
      {
        input: {
          name: `Bench Hotel ${i}`,
          description: 'Made by the subscription bench',
          city: 'Porto',
          country: 'PT',
          starRating: 3,
        },
      },
      owner.token,
    );
    const { addRoomType } = await graphql(
      url,
      'mutation ($hotelId: ID!, $input: RoomTypeInput!) { addRoomType(hotelId: $hotelId, input: $input) { id } }',
      {
        hotelId: createHotel.id,
        input: {
          name: 'Double',
          maxGuests: 2,
          totalRooms: 10_000,
          nightlyRate: 9000,
          currency: 'EUR',
        },
      },
      owner.token,
    );
    owner.hotelId = createHotel.id;
    owner.roomTypeId = addRoomType.id;
  });
  phase(`${plan.owners} hotels opened`);
  await pool(plan.users - plan.owners, async (g) => {
    const guest = users[plan.owners + g] as BenchUser;
    guest.bookingId = (await book(url, users, plan, plan.owners + g)).id;
  });
  phase(`${plan.users - plan.owners} stays booked`);
  return users;
}

/** A new stay for guest `user` at their hotel. */
export async function book(url: string, users: BenchUser[], plan: BenchPlan, user: number) {
  const guest = users[user] as BenchUser;
  const roomTypeId = users[hotelOf(plan, user)]?.roomTypeId;
  const input = { roomTypeId, ...stay(), guests: 1, idempotencyKey: randomUUID() };
  const { createBooking } = await graphql(url, CREATE_BOOKING, { input }, guest.token);
  return createBooking as { id: string; status: string };
}

const ARGUMENTS = {
  myBookingUpdates: ['', '', {}],
  bookingUpdated: ['($id: ID!)', '(id: $id)', 'id'],
  hotelBookingUpdates: ['($hotelId: ID!)', '(hotelId: $hotelId)', 'hotelId'],
} as const;

/** What a socket of the plan sends: each subscription's text and variables. */
export function socketsOf(plan: BenchPlan, users: BenchUser[]): ClientSocket[] {
  const sockets: ClientSocket[] = Array.from({ length: plan.sockets }, (_, s) => ({
    token: users[Math.floor(s / 2)]?.token ?? '',
    subscriptions: [],
  }));
  for (const sub of plan.subscriptions) {
    const [declared, args, variable] = ARGUMENTS[sub.field];
    const user = users[sub.user] as BenchUser;
    const value = sub.field === 'bookingUpdated' ? user.bookingId : user.hotelId;
    sockets[sub.socket]?.subscriptions.push({
      id: sub.id,
      field: sub.field,
      query: `subscription ${declared} { ${sub.field}${args} ${SELECTIONS[sub.selection]} }`,
      variables: typeof variable === 'string' ? { [variable]: value ?? '' } : {},
    });
  }
  return sockets;
}

const MUTATIONS = {
  confirm: 'mutation ($id: ID!) { confirmBooking(id: $id) { id status } }',
  cancel: 'mutation ($id: ID!) { cancelBooking(id: $id) { id status } }',
};

/** Makes change `k` of the plan through the router: the booking it changed and its status. */
export async function makeChange(url: string, plan: BenchPlan, users: BenchUser[], k: number) {
  const change = plan.changes[k];
  if (!change) throw new Error(`no change ${k}`);
  const guest = users[change.guest] as BenchUser;
  if (change.kind === 'create') return book(url, users, plan, change.guest);
  const by =
    change.kind === 'cancel' && change.by === 'owner' ? hotelOf(plan, change.guest) : change.guest;
  const data = await graphql(
    url,
    MUTATIONS[change.kind],
    { id: guest.bookingId },
    users[by]?.token,
  );
  return (data.confirmBooking ?? data.cancelBooking) as { id: string; status: string };
}
