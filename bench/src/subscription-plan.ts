// Who subscribes to what and which booking changes happen, for the subscription bench: pure
// data, so the expected deliveries follow from the plan and the changes' answers alone.

export type SubscriptionField = 'myBookingUpdates' | 'bookingUpdated' | 'hotelBookingUpdates';

/** Selection sets from small to cross-subgraph (accounts and hotels through the gateway). */
export const SELECTIONS = [
  '{ id status }',
  '{ id status checkIn checkOut hotel { name } }',
  '{ id status guests totalPrice { amount currency } guest { name } hotel { name city } }',
] as const;

export interface PlannedSubscription {
  id: number;
  /** The user (index) whose token the socket carries. */
  user: number;
  /** The socket (index over every socket of the run) it is sent on. */
  socket: number;
  field: SubscriptionField;
  /** Index in SELECTIONS. */
  selection: number;
}

export type PlannedChange =
  | { kind: 'create'; guest: number }
  | { kind: 'confirm'; guest: number }
  | { kind: 'cancel'; guest: number; by: 'guest' | 'owner' };

export interface BenchPlan {
  users: number;
  /** Users 0 … owners-1 own one hotel each (PARTNER); the others are guests. */
  owners: number;
  sockets: number;
  subscriptions: PlannedSubscription[];
  /** In the order they are sent, one every 1/rate s. */
  changes: PlannedChange[];
}

export const SOCKETS_PER_USER = 2;

/**
 * Each user's two sockets (a phone and a laptop) and the five subscriptions on each, mixing
 * fields and selections as apps do: guests follow their bookings and their one booking made
 * before the run; owners follow their hotel (and their own bookings, which stay quiet).
 */
const LAYOUTS: Record<'guest' | 'owner', [SubscriptionField, number][][]> = {
  guest: [
    [
      ['myBookingUpdates', 0],
      ['myBookingUpdates', 1],
      ['myBookingUpdates', 2],
      ['bookingUpdated', 0],
      ['bookingUpdated', 2],
    ],
    [
      ['myBookingUpdates', 0],
      ['myBookingUpdates', 2],
      ['bookingUpdated', 0],
      ['bookingUpdated', 1],
      ['bookingUpdated', 2],
    ],
  ],
  owner: [
    [
      ['hotelBookingUpdates', 0],
      ['hotelBookingUpdates', 1],
      ['hotelBookingUpdates', 2],
      ['myBookingUpdates', 0],
      ['myBookingUpdates', 1],
    ],
    [
      ['hotelBookingUpdates', 0],
      ['hotelBookingUpdates', 2],
      ['hotelBookingUpdates', 1],
      ['myBookingUpdates', 2],
      ['myBookingUpdates', 0],
    ],
  ],
};

/** The hotel (its owner's index) where guest `user` books. */
export const hotelOf = (plan: Pick<BenchPlan, 'owners'>, user: number) => user % plan.owners;

/**
 * `users` users (one in ten an owner), 2 sockets and 10 subscriptions each, and `changes`
 * booking changes: a quarter new bookings, half confirmations of bookings made before the run,
 * an eighth cancellations of pending ones by the hotel's owner, and last an eighth
 * cancellations by guests of bookings confirmed in the run's first half (seconds earlier, so
 * the confirmation has committed).
 */
export function planSubscriptionBench(users: number, changes: number): BenchPlan {
  const owners = Math.max(1, Math.floor(users / 10));
  const guests = Array.from({ length: users - owners }, (_, i) => owners + i);
  const subscriptions: PlannedSubscription[] = [];
  for (let user = 0; user < users; user++) {
    const layout = LAYOUTS[user < owners ? 'owner' : 'guest'];
    layout.forEach((socketSubs, s) => {
      for (const [field, selection] of socketSubs) {
        const socket = user * SOCKETS_PER_USER + s;
        subscriptions.push({ id: subscriptions.length, user, socket, field, selection });
      }
    });
  }

  const lateCancels = Math.floor(changes / 8);
  const ownerCancels = Math.floor(changes / 8);
  const creates = Math.floor(changes / 4);
  const confirms = changes - lateCancels - ownerCancels - creates;
  const order = shuffled(guests, 2026);
  if (confirms + ownerCancels > order.length) {
    throw new Error(`${changes} changes need ${confirms + ownerCancels} guests; raise --users`);
  }
  const early: PlannedChange[] = shuffled(
    [
      ...order.slice(0, confirms).map((guest) => ({ kind: 'confirm' as const, guest })),
      ...order
        .slice(confirms, confirms + ownerCancels)
        .map((guest) => ({ kind: 'cancel' as const, guest, by: 'owner' as const })),
      ...Array.from({ length: creates }, (_, i) => ({
        kind: 'create' as const,
        guest: order[(i * 7) % order.length] as number,
      })),
    ],
    7,
  );
  const firstHalf = early.slice(0, Math.floor(early.length / 2));
  const confirmedEarly = firstHalf.filter((c) => c.kind === 'confirm').map((c) => c.guest);
  const late = confirmedEarly
    .slice(0, lateCancels)
    .map((guest) => ({ kind: 'cancel' as const, guest, by: 'guest' as const }));
  return {
    users,
    owners,
    sockets: users * SOCKETS_PER_USER,
    subscriptions,
    changes: [...early, ...late],
  };
}

/** A deterministic Fisher–Yates shuffle (a small LCG): every run plans the same changes. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
