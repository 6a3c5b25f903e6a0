import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookingsHarness, day, startBookings, user } from './bookings.ts';
import { type HotelsUpstream, startHotelsUpstream } from './hotels-upstream.ts';
import {
  BOOKING,
  type BookingData,
  changeBookingAs,
  codeOf,
  createBookingAs,
} from './operations.ts';

type User = Awaited<ReturnType<typeof user>>;
let hotels: HotelsUpstream;
let bookings: BookingsHarness;
let guestA: User;
let guestB: User;
let owner: User;
let otherOwner: User;
let admin: User;
let roomType: { id: string; hotelId: string };

beforeAll(async () => {
  hotels = await startHotelsUpstream();
  bookings = await startBookings(hotels.url);
  [guestA, guestB, owner, otherOwner, admin] = await Promise.all([
    user(),
    user(),
    user('PARTNER'),
    user('PARTNER'),
    user('ADMIN'),
  ]);
  roomType = await hotels.addRoomType({ ownerId: owner.id, totalRooms: 50 });
  await hotels.addRoomType({ ownerId: otherOwner.id });
});

afterAll(async () => {
  await bookings?.stop();
  await hotels?.stop();
});

async function bookAsA() {
  const res = await createBookingAs(bookings, guestA.token, {
    roomTypeId: roomType.id,
    checkIn: day(8),
    checkOut: day(9),
  });
  expect(res.errors).toBeUndefined();
  return res.data?.createBooking as BookingData;
}

async function read(id: string, token?: string) {
  const res = await bookings.request<{ booking: BookingData | null }>(BOOKING, { id }, token);
  expect(res.errors).toBeUndefined();
  return res.data?.booking ?? null;
}

async function act(change: 'confirm' | 'cancel', id: string, token: string) {
  return codeOf(await changeBookingAs(bookings, change, id, token)) ?? 'OK';
}

describe('who may see and change a booking', () => {
  it('lets the guest, the hotel owner and an ADMIN read it; nobody else', async () => {
    const booking = await bookAsA();
    for (const reader of [guestA, owner, admin])
      expect((await read(booking.id, reader.token))?.id).toBe(booking.id);
    for (const stranger of [guestB, otherOwner])
      expect(await read(booking.id, stranger.token)).toBeNull();
    expect(await read(booking.id)).toBeNull();
    expect(await read('malformed', admin.token)).toBeNull();
    expect(await read(crypto.randomUUID(), admin.token)).toBeNull();
  });

  it("refuses another user's and another owner's changes with FORBIDDEN", async () => {
    const booking = await bookAsA();
    expect(await act('confirm', booking.id, guestB.token)).toBe('FORBIDDEN');
    expect(await act('cancel', booking.id, guestB.token)).toBe('FORBIDDEN');
    expect(await act('cancel', booking.id, otherOwner.token)).toBe('FORBIDDEN');
    // The owner may turn a guest away, but not commit them to a stay.
    expect(await act('confirm', booking.id, owner.token)).toBe('FORBIDDEN');
    expect(await act('confirm', booking.id, '')).toBe('UNAUTHENTICATED');
    const stored = await bookings.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(stored.status).toBe('PENDING');
    expect(await act('cancel', booking.id, owner.token)).toBe('OK');
  });

  it('lets an ADMIN confirm and cancel anyone’s booking', async () => {
    const booking = await bookAsA();
    expect(await act('confirm', booking.id, admin.token)).toBe('OK');
    expect(await act('cancel', booking.id, admin.token)).toBe('OK');
  });
});

const USER_BOOKINGS = `query ($reps: [_Any!]!, $status: BookingStatus, $first: Int, $after: String) {
  _entities(representations: $reps) {
    ... on User {
      id
      bookings(status: $status, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { id status checkIn createdAt totalPrice { amount } guest { id } } }
      }
    }
  }
}`;

interface UserBookings {
  id: string;
  bookings: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      node: {
        id: string;
        status: string;
        checkIn: string;
        createdAt: string;
        guest: { id: string };
      };
    }[];
  };
}

describe('User.bookings', () => {
  it('lists only to that user or an ADMIN, newest first, by page and status', async () => {
    const guest = await user();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await createBookingAs(bookings, guest.token, {
        roomTypeId: roomType.id,
        checkIn: day(10 + i),
        checkOut: day(11 + i),
      });
      ids.push(res.data?.createBooking.id as string);
    }
    await changeBookingAs(bookings, 'confirm', ids[0] as string, guest.token);
    const reps = [{ __typename: 'User', id: guest.id }];

    const first = await bookings.request<{ _entities: UserBookings[] }>(
      USER_BOOKINGS,
      { reps, first: 2 },
      guest.token,
    );
    expect(first.errors).toBeUndefined();
    const page = first.data?._entities[0]?.bookings;
    expect(page?.totalCount).toBe(3);
    expect(page?.edges.map((edge) => edge.node.id)).toEqual([ids[2], ids[1]]);
    expect(page?.pageInfo.hasNextPage).toBe(true);
    expect(page?.edges[0]?.node).toMatchObject({ checkIn: day(12), guest: { id: guest.id } });
    expect(page?.edges[0]?.node.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);

    const next = await bookings.request<{ _entities: UserBookings[] }>(
      USER_BOOKINGS,
      { reps, first: 2, after: page?.pageInfo.endCursor },
      admin.token,
    );
    expect(next.data?._entities[0]?.bookings.edges.map((edge) => edge.node.id)).toEqual([ids[0]]);
    expect(next.data?._entities[0]?.bookings.pageInfo.hasNextPage).toBe(false);

    const confirmed = await bookings.request<{ _entities: UserBookings[] }>(
      USER_BOOKINGS,
      { reps, status: 'CONFIRMED' },
      guest.token,
    );
    expect(confirmed.data?._entities[0]?.bookings.totalCount).toBe(1);

    const other = await bookings.request(USER_BOOKINGS, { reps }, guestB.token);
    expect(codeOf(other)).toBe('FORBIDDEN');
    const anonymous = await bookings.request(USER_BOOKINGS, { reps });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
  });

  it('reads a page and its totalCount in one statement; counts apart only an empty page', async () => {
    const guest = await user();
    await createBookingAs(bookings, guest.token, {
      roomTypeId: roomType.id,
      checkIn: day(20),
      checkOut: day(21),
    });
    const reps = [{ __typename: 'User', id: guest.id }];
    const pageOnly = `query ($reps: [_Any!]!) {
      _entities(representations: $reps) { ... on User { bookings { edges { node { id } } } } }
    }`;
    bookings.resetSql();
    const withoutCount = await bookings.request(pageOnly, { reps }, guest.token);
    expect(withoutCount.errors).toBeUndefined();
    expect(bookings.sql).toHaveLength(1);
    bookings.resetSql();
    const withCount = await bookings.request(USER_BOOKINGS, { reps }, guest.token);
    expect(withCount.errors).toBeUndefined();
    expect(bookings.sql).toHaveLength(1);
    type Page = { bookings: { totalCount: number; pageInfo: { endCursor: string } } };
    const first = (withCount.data as { _entities: Page[] })._entities[0]?.bookings;
    expect(first?.totalCount).toBe(1);
    // No row after the cursor says nothing of the total: that one is counted apart.
    bookings.resetSql();
    const after = await bookings.request(
      USER_BOOKINGS,
      { reps, after: first?.pageInfo.endCursor },
      guest.token,
    );
    expect(after.errors).toBeUndefined();
    expect((after.data as { _entities: Page[] })._entities[0]?.bookings.totalCount).toBe(1);
    expect(bookings.sql).toHaveLength(2);
  });
});
