import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Booking,
  book,
  CANCEL_BOOKING,
  CONFIRM_BOOKING,
  createRoomType,
  dataOf,
  day,
  READ_BOOKING,
} from './support/bookings.ts';
import { codes, post } from './support/graphql.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { type SignedInUser, signUp } from './support/users.ts';

let stack: TestStack;
// A and B are travellers; owner1 and owner2 partners with a hotel each.
let a: SignedInUser;
let b: SignedInUser;
let owner1: SignedInUser;
let owner2: SignedInUser;
let bAtHotel1: Booking;
let bAtHotel2: Booking;
let tripOfA: string;
let tripOfB: string;

const CREATE_TRIP = /* GraphQL */ `
  mutation ($input: CreateTripInput!) { createTrip(input: $input) { id } }
`;
const ADD_ITEM = /* GraphQL */ `
  mutation ($tripId: ID!, $input: ItineraryItemInput!) {
    addItineraryItem(tripId: $tripId, input: $input) { id booking { id } }
  }
`;
const READ_TRIP =
  'query ($id: ID!) { trip(id: $id) { id title items { id booking { id status } } } }';

async function createTrip(user: SignedInUser, title: string): Promise<string> {
  const input = { title, destination: 'Lisbon', startDate: day(10), endDate: day(14) };
  return dataOf(
    await post<{ createTrip: { id: string } }>(stack.url, CREATE_TRIP, { input }, user.auth),
  ).createTrip.id;
}

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  [a, b, owner1, owner2] = await Promise.all([
    signUp(stack.url, 'a@authz.test'),
    signUp(stack.url, 'b@authz.test'),
    signUp(stack.url, 'owner1@authz.test', 'PARTNER'),
    signUp(stack.url, 'owner2@authz.test', 'PARTNER'),
  ]);
  const [hotel1, hotel2] = await Promise.all([
    createRoomType(stack.url, owner1, 5, 'Hotel One'),
    createRoomType(stack.url, owner2, 5, 'Hotel Two'),
  ]);
  const stay = { checkIn: day(10), checkOut: day(12) };
  bAtHotel1 = await book(stack.url, b, { roomTypeId: hotel1.roomTypeId, ...stay });
  bAtHotel2 = await book(stack.url, b, { roomTypeId: hotel2.roomTypeId, ...stay });
  [tripOfA, tripOfB] = await Promise.all([createTrip(a, "A's trip"), createTrip(b, "B's trip")]);
  dataOf(
    await post(
      stack.url,
      ADD_ITEM,
      { tripId: tripOfB, input: { kind: 'STAY', title: 'Hotel One', bookingId: bAtHotel1.id } },
      b.auth,
    ),
  );
});
afterAll(async () => {
  await stack?.stop();
});

const readBooking = async (user: SignedInUser, id: string) =>
  (await post<{ booking: Booking | null }>(stack.url, READ_BOOKING, { id }, user.auth)).body.data
    ?.booking;

describe("user A and user B's booking", () => {
  it('A can not read, confirm or cancel it, nor link it to a trip; nothing changes', async () => {
    expect(await readBooking(a, bAtHotel1.id)).toBeNull();
    for (const mutation of [CONFIRM_BOOKING, CANCEL_BOOKING]) {
      const refused = await post(stack.url, mutation, { id: bAtHotel1.id }, a.auth);
      expect(codes(refused)).toEqual(['FORBIDDEN']);
    }
    const link = await post(
      stack.url,
      ADD_ITEM,
      { tripId: tripOfA, input: { kind: 'STAY', title: 'Not mine', bookingId: bAtHotel1.id } },
      a.auth,
    );
    expect(codes(link)).toEqual(['BAD_USER_INPUT']);

    expect(await readBooking(b, bAtHotel1.id)).toMatchObject({ status: 'PENDING' });
    const tripA = await post(stack.url, READ_TRIP, { id: tripOfA }, a.auth);
    expect(dataOf(tripA).trip.items).toEqual([]);
  });

  it("A can not read or change B's trips", async () => {
    const before = dataOf(await post(stack.url, READ_TRIP, { id: tripOfB }, b.auth)).trip;
    expect(before.items).toEqual([
      { id: expect.any(String), booking: { id: bAtHotel1.id, status: 'PENDING' } },
    ]);

    expect(dataOf(await post(stack.url, READ_TRIP, { id: tripOfB }, a.auth)).trip).toBeNull();
    const list = await post(
      stack.url,
      'query ($id: ID!) { user(id: $id) { trips { id } } }',
      { id: b.id },
      a.auth,
    );
    expect(codes(list)).toEqual(['FORBIDDEN']);
    // Someone else's trip answers NOT_FOUND, like an unknown id: its existence is not revealed.
    const item = { kind: 'NOTE', title: 'sneaky' };
    const add = await post(stack.url, ADD_ITEM, { tripId: tripOfB, input: item }, a.auth);
    expect(codes(add)).toEqual(['NOT_FOUND']);
    const [firstItem] = before.items;
    const remove = await post(
      stack.url,
      'mutation ($id: ID!) { removeItineraryItem(id: $id) }',
      { id: firstItem.id },
      a.auth,
    );
    expect(codes(remove)).toEqual(['NOT_FOUND']);
    const del = await post(
      stack.url,
      'mutation ($id: ID!) { deleteTrip(id: $id) }',
      { id: tripOfB },
      a.auth,
    );
    expect(codes(del)).toEqual(['NOT_FOUND']);

    expect(dataOf(await post(stack.url, READ_TRIP, { id: tripOfB }, b.auth)).trip).toEqual(before);
  });
});

describe("a hotel owner and their hotel's bookings", () => {
  it('reads and cancels the bookings of their hotel, with the guest across subgraphs', async () => {
    const query =
      'query ($id: ID!) { booking(id: $id) { id status guest { id name } hotel { name } } }';
    const res = await post(stack.url, query, { id: bAtHotel1.id }, owner1.auth);
    expect(dataOf(res).booking).toEqual({
      id: bAtHotel1.id,
      status: 'PENDING',
      guest: { id: b.id, name: 'E2E b' },
      hotel: { name: 'Hotel One' },
    });
    // Confirming is the guest's commitment, not the owner's.
    const confirm = await post(stack.url, CONFIRM_BOOKING, { id: bAtHotel1.id }, owner1.auth);
    expect(codes(confirm)).toEqual(['FORBIDDEN']);
    const cancel = await post(stack.url, CANCEL_BOOKING, { id: bAtHotel1.id }, owner1.auth);
    expect(dataOf(cancel).cancelBooking).toMatchObject({ status: 'CANCELLED' });
    expect(await readBooking(b, bAtHotel1.id)).toMatchObject({ status: 'CANCELLED' });
  });

  it("can neither read nor cancel another hotel's bookings", async () => {
    expect(await readBooking(owner1, bAtHotel2.id)).toBeNull();
    const cancel = await post(stack.url, CANCEL_BOOKING, { id: bAtHotel2.id }, owner1.auth);
    expect(codes(cancel)).toEqual(['FORBIDDEN']);
    expect(await readBooking(owner2, bAtHotel2.id)).toMatchObject({ status: 'PENDING' });
    expect(await readBooking(b, bAtHotel2.id)).toMatchObject({ status: 'PENDING' });
  });
});
