import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  availableRooms,
  book,
  createRoomType,
  day,
  type PartnerRoomType,
  requestBooking,
} from './support/bookings.ts';
import { bookedPerNight, queryDatabase } from './support/database.ts';
import { codes, post } from './support/graphql.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { type SignedInUser, signUp } from './support/users.ts';

let stack: TestStack;
let partner: SignedInUser;
beforeAll(async () => {
  // The setup is explicit (a partner's own hotel and room type): no demo data needed.
  stack = await startTestStack({ seed: false });
  partner = await signUp(stack.url, 'partner@race.test', 'PARTNER');
});
afterAll(async () => {
  await stack?.stop();
});

const TOTAL_ROOMS = 7;
// Two rooms are taken over the whole window first, so the race is for the LAST five.
const WINDOW = { checkIn: day(40), checkOut: day(45) };
// Every stay in the race covers the night of day 42, in nine different shapes, so stays
// overlap without being identical and at most five can ever be accepted.
const stayOf = (i: number) => ({ checkIn: day(42 - (i % 3)), checkOut: day(43 + (i % 3)) });
const SHARED_NIGHT = { checkIn: day(42), checkOut: day(43) };

describe('50 guests race for the last 5 rooms, through the router', () => {
  let roomType: PartnerRoomType;
  let guests: SignedInUser[];

  beforeAll(async () => {
    roomType = await createRoomType(stack.url, partner, TOTAL_ROOMS, 'Race Hotel');
    const early = await signUp(stack.url, 'early@race.test');
    for (let i = 0; i < 2; i++) await book(stack.url, early, { ...roomType, ...WINDOW });
    guests = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signUp(stack.url, `guest${i}@race.test`)),
    );
    expect(await availableRooms(stack.url, roomType, WINDOW.checkIn, WINDOW.checkOut)).toBe(5);
  });

  it('books exactly 5, refuses 45 with NO_AVAILABILITY and nothing else', async () => {
    const answers = await Promise.all(
      guests.map((guest, i) =>
        requestBooking(stack.url, guest, { roomTypeId: roomType.roomTypeId, ...stayOf(i) }),
      ),
    );
    const booked = answers.filter((res) => res.body.data?.createBooking);
    const refused = answers.filter((res) => !res.body.data?.createBooking);
    expect(booked).toHaveLength(5);
    for (const res of booked) {
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.createBooking.status).toBe('PENDING');
    }
    expect(refused).toHaveLength(45);
    expect(refused.flatMap(codes)).toEqual(Array(45).fill('NO_AVAILABILITY'));

    // What the router says afterwards: the shared night and the whole window are full …
    const [night, window] = await Promise.all([
      availableRooms(stack.url, roomType, SHARED_NIGHT.checkIn, SHARED_NIGHT.checkOut),
      availableRooms(stack.url, roomType, WINDOW.checkIn, WINDOW.checkOut),
    ]);
    expect([night, window]).toEqual([0, 0]);

    // … and what the database holds: no night above totalRooms, the shared one exactly full.
    const perNight = await bookedPerNight(
      stack.databaseUrls.bookings,
      roomType.roomTypeId,
      WINDOW.checkIn,
      WINDOW.checkOut,
    );
    expect(perNight).toHaveLength(5);
    expect(Math.max(...perNight.map((n) => n.booked))).toBe(TOTAL_ROOMS);
    expect(perNight.find((n) => n.night === SHARED_NIGHT.checkIn)?.booked).toBe(TOTAL_ROOMS);
    const rows = await queryDatabase<{ guests: number; bookings: number }>(
      stack.databaseUrls.bookings,
      'SELECT count(DISTINCT guest_id)::int AS guests, count(*)::int AS bookings FROM bookings WHERE room_type_id = $1',
      [roomType.roomTypeId],
    );
    expect(rows).toEqual([{ guests: 6, bookings: 7 }]);
  });
});

describe('idempotency through the router', () => {
  it('answers 10 racing requests with one key by one booking, ten identical answers', async () => {
    const roomType = await createRoomType(stack.url, partner, 3, 'Retry Inn');
    const guest = await signUp(stack.url, 'retrier@race.test');
    const input = {
      roomTypeId: roomType.roomTypeId,
      checkIn: day(50),
      checkOut: day(53),
      guests: 2,
      idempotencyKey: 'checkout-attempt-1',
    };
    const selection = `mutation ($input: CreateBookingInput!) {
      createBooking(input: $input) { id status checkIn checkOut guests totalPrice { amount currency } createdAt }
    }`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post(stack.url, selection, { input }, guest.auth)),
    );
    for (const res of answers) expect(res.body.errors).toBeUndefined();
    const first = answers[0]?.body.data?.createBooking;
    expect(first).toMatchObject({ status: 'PENDING', totalPrice: { amount: 30_000 } });
    expect(answers.map((res) => res.body.data?.createBooking)).toEqual(Array(10).fill(first));

    const rows = await queryDatabase<{ id: string }>(
      stack.databaseUrls.bookings,
      'SELECT id::text FROM bookings WHERE guest_id = $1',
      [guest.id],
    );
    expect(rows).toEqual([{ id: first.id }]);
    expect(await availableRooms(stack.url, roomType, input.checkIn, input.checkOut)).toBe(2);
  });
});
