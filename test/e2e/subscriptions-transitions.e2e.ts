import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONFIRM_BOOKING,
  createRoomType,
  dataOf,
  day,
  requestBooking,
} from './support/bookings.ts';
import { post } from './support/graphql.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { connect, subscribe, waitForGauge } from './support/subscriber.ts';
import { type SignedInUser, signUp } from './support/users.ts';

const BOOKINGS = 50;
const SELECTION = 'id status hotel { name } guest { name }';

let stack: TestStack;
let routerB: { url: string; stop(): Promise<void> };
let guest: SignedInUser;
let owner: SignedInUser;
let hotel: { hotelId: string; roomTypeId: string };

beforeAll(async () => {
  // Writes through router A, subscribers on router B: the events travel through Redis.
  stack = await startTestStack({ redis: true, seed: false });
  routerB = await stack.startRouter();
  [guest, owner] = await Promise.all([
    signUp(stack.url, 'guest@transitions.test'),
    signUp(stack.url, 'owner@transitions.test', 'PARTNER'),
  ]);
  hotel = await createRoomType(stack.url, owner, BOOKINGS + 10, 'Casa Transitions');
});
afterAll(async () => {
  await routerB?.stop();
  await stack?.stop();
});

type Delivered = { id: string; status: string; hotel: { name: string }; guest: { name: string } };

/** Each booking's statuses in the order they arrived. */
function statusesById(deliveries: readonly Delivered[]) {
  const byId = new Map<string, string[]>();
  for (const { id, status } of deliveries) byId.set(id, [...(byId.get(id) ?? []), status]);
  return byId;
}

describe('every transition, in order, with its own state', () => {
  it(`delivers PENDING then CONFIRMED for each of ${BOOKINGS} bookings, to the guest and the owner`, async () => {
    const guestConn = connect(routerB.url, { authorization: guest.auth.authorization });
    const ownerConn = connect(routerB.url, { authorization: owner.auth.authorization });
    const mine = subscribe<{ myBookingUpdates: Delivered }>(
      guestConn.client,
      `subscription { myBookingUpdates { ${SELECTION} } }`,
    );
    const hotels = subscribe<{ hotelBookingUpdates: Delivered }>(
      ownerConn.client,
      `subscription ($h: ID!) { hotelBookingUpdates(hotelId: $h) { ${SELECTION} } }`,
      { h: hotel.hotelId },
    );
    await waitForGauge(routerB.url, 'graphql_subscriptions_active', 2);

    // Confirmed right after it is made: the PENDING event is re-read after the confirmation.
    const ids: string[] = [];
    const lanes = Array.from({ length: 5 }, async (_lane, lane) => {
      for (let n = lane; n < BOOKINGS; n += 5) {
        const made = await requestBooking(stack.url, guest, {
          roomTypeId: hotel.roomTypeId,
          checkIn: day(30),
          checkOut: day(31),
        });
        expect(made.body.errors).toBeUndefined();
        const booking = dataOf(made).createBooking;
        ids.push(booking.id);
        dataOf(await post(stack.url, CONFIRM_BOOKING, { id: booking.id }, guest.auth));
      }
    });
    await Promise.all(lanes);

    await mine.result(BOOKINGS * 2, 60_000);
    await hotels.result(BOOKINGS * 2, 60_000);
    for (const [subscription, field] of [
      [mine, 'myBookingUpdates'],
      [hotels, 'hotelBookingUpdates'],
    ] as const) {
      expect(subscription.error).toBeUndefined();
      const deliveries = subscription.results.map(
        (result) => (result.data as Record<string, Delivered>)[field] as Delivered,
      );
      expect(deliveries).toHaveLength(BOOKINGS * 2);
      const byId = statusesById(deliveries);
      expect(new Set(byId.keys())).toEqual(new Set(ids));
      for (const statuses of byId.values()) expect(statuses).toEqual(['PENDING', 'CONFIRMED']);
      for (const delivered of deliveries) {
        expect(delivered.hotel).toEqual({ name: 'Casa Transitions' });
        expect(delivered.guest).toEqual({ name: 'E2E guest' });
      }
    }
    await guestConn.dispose();
    await ownerConn.dispose();
  });
});
