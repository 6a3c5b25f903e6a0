import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, CONFIRM_BOOKING, createRoomType, dataOf, day } from './support/bookings.ts';
import { post } from './support/graphql.ts';
import { metricValue } from './support/metrics.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { type Connection, connect, subscribe, waitForGauge } from './support/subscriber.ts';
import { signUp } from './support/users.ts';

// One event, two identities in its audience (the guest and the hotel's owner), each subscribed
// with a selection: how many times the router re-reads the booking, and what each receives.
let stack: TestStack;
const connections: Connection[] = [];
beforeAll(async () => {
  stack = await startTestStack({ seed: false });
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.dispose()));
  await stack?.stop();
});

const bookingReads = () =>
  metricValue(stack.subgraphUrls.bookings, 'graphql_request_duration_seconds_count');

async function confirmWatchedBooking(selection: string) {
  const tag = Math.random().toString(36).slice(2, 8);
  const guestEmail = `guest-${tag}@shared.test`;
  const [guest, owner] = await Promise.all([
    signUp(stack.url, guestEmail),
    signUp(stack.url, `owner-${tag}@shared.test`, 'PARTNER'),
  ]);
  const hotel = await createRoomType(stack.url, owner, 5, `Casa ${tag}`);
  const booking = await book(stack.url, guest, {
    roomTypeId: hotel.roomTypeId,
    checkIn: day(40),
    checkOut: day(42),
  });
  const guestSocket = connect(stack.url, { authorization: guest.auth.authorization });
  const ownerSocket = connect(stack.url, { authorization: owner.auth.authorization });
  connections.push(guestSocket, ownerSocket);
  const before = await metricValue(stack.url, 'graphql_subscriptions_active');
  const asGuest = subscribe(
    guestSocket.client,
    `subscription { b: myBookingUpdates ${selection} }`,
  );
  const asOwner = subscribe(
    ownerSocket.client,
    `subscription ($id: ID!) { b: hotelBookingUpdates(hotelId: $id) ${selection} }`,
    { id: hotel.hotelId },
  );
  await waitForGauge(stack.url, 'graphql_subscriptions_active', before + 2);
  const readsBefore = await bookingReads();
  dataOf(await post(stack.url, CONFIRM_BOOKING, { id: booking.id }, guest.auth));
  const [guestSaw, ownerSaw] = await Promise.all([asGuest.result(1), asOwner.result(1)]);
  // The confirmation itself is one bookings call; the rest are re-reads.
  const reads = (await bookingReads()) - readsBefore - 1;
  return {
    guest: { name: `E2E guest-${tag}`, email: guestEmail },
    booking,
    guestSaw,
    ownerSaw,
    reads,
  };
}

describe('subscriber reads shared across identities', () => {
  it('reads a selection every viewer sees alike once for the whole audience', async () => {
    const { booking, guestSaw, ownerSaw, reads } = await confirmWatchedBooking(
      '{ id status guest { name } hotel { name } }',
    );
    expect(guestSaw).toEqual(ownerSaw);
    expect(guestSaw.data?.b).toMatchObject({ id: booking.id, status: 'CONFIRMED' });
    expect(reads).toBe(1);
  });

  it('reads a selection with a field that depends on the viewer once per identity, never sharing it', async () => {
    const { guest, guestSaw, ownerSaw, reads } = await confirmWatchedBooking(
      '{ id status guest { name email } }',
    );
    // User.email is the user's own (a field-level PRIVATE hint): the owner must not get it.
    expect(guestSaw.data?.b?.guest).toEqual({ name: guest.name, email: guest.email });
    expect(ownerSaw.data?.b?.guest).toEqual({ name: guest.name, email: null });
    expect(reads).toBe(2);
  });
});
