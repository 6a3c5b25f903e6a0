import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTokenIssuer } from '@travel/auth';
import { eventually } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiKey, revokeApiKey, SHORT_API_KEY_CACHE } from './support/api-keys.ts';
import { book, CONFIRM_BOOKING, createRoomType, dataOf, day } from './support/bookings.ts';
import { post } from './support/graphql.ts';
import { listedId } from './support/partner-operations.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { byId, connect, subscribe, waitForGauge, wsUrl } from './support/subscriber.ts';
import { type SignedInUser, signUp } from './support/users.ts';

let stack: TestStack;
let routerB: { url: string; stop(): Promise<void> };
let guest: SignedInUser;
let stranger: SignedInUser;
let owner: SignedInUser;
let rival: SignedInUser;
let ownHotel: { hotelId: string; roomTypeId: string };
let rivalHotel: { hotelId: string; roomTypeId: string };

beforeAll(async () => {
  // Two router instances sharing Redis: events published once reach subscribers on both.
  stack = await startTestStack({ redis: true, seed: false });
  routerB = await stack.startRouter();
  [guest, stranger, owner, rival] = await Promise.all([
    signUp(stack.url, 'guest@subs.test'),
    signUp(stack.url, 'stranger@subs.test'),
    signUp(stack.url, 'owner@subs.test', 'PARTNER'),
    signUp(stack.url, 'rival@subs.test', 'PARTNER'),
  ]);
  ownHotel = await createRoomType(stack.url, owner, 20, 'Casa Owner');
  rivalHotel = await createRoomType(stack.url, rival, 20, 'Casa Rival');
});
afterAll(async () => {
  await stack?.stop();
});

let night = 40;
/** A fresh PENDING booking by `who` (each on its own nights, so rooms never run out). */
const newBooking = (who: SignedInUser, at = ownHotel) => {
  night += 2;
  return book(stack.url, who, {
    roomTypeId: at.roomTypeId,
    checkIn: day(night),
    checkOut: day(night + 1),
  });
};
const confirmThroughB = async (id: string, who = guest) =>
  dataOf(await post(routerB.url, CONFIRM_BOOKING, { id }, who.auth));
const active = (url: string, n: number) => waitForGauge(url, 'graphql_subscriptions_active', n);

const HOTEL_BOOKING_UPDATES_ID = listedId('PartnerHotelBookingUpdates');

const BOOKING_UPDATED = /* GraphQL */ `
  subscription ($id: ID!) { bookingUpdated(id: $id) { id status hotel { name } guest { name } } }
`;

describe('booking subscriptions across router instances', () => {
  // How fast is `pnpm bench subscriptions`' question (event → client latency); a wall-clock
  // bound here only measured how busy the machine was.
  it('tells a guest on router A about a confirmation made through router B', async () => {
    const booking = await newBooking(guest);
    const conn = connect(stack.url, { authorization: guest.auth.authorization });
    const mine = subscribe(conn.client, 'subscription { myBookingUpdates { id status } }');
    const updates = subscribe(conn.client, BOOKING_UPDATED, { id: booking.id });
    await active(stack.url, 2);

    await confirmThroughB(booking.id);
    const received = await updates.result(1);

    expect(received).toEqual({
      data: {
        bookingUpdated: {
          id: booking.id,
          status: 'CONFIRMED',
          hotel: { name: 'Casa Owner' },
          guest: { name: 'E2E guest' },
        },
      },
    });
    expect((await mine.result(1)).data).toEqual({
      myBookingUpdates: { id: booking.id, status: 'CONFIRMED' },
    });
    await conn.dispose();
    await active(stack.url, 0);
  });

  it("refuses someone else's booking with FORBIDDEN and sends them nothing", async () => {
    const booking = await newBooking(guest);
    const strangerConn = connect(stack.url, { authorization: stranger.auth.authorization });
    const refused = subscribe(strangerConn.client, BOOKING_UPDATED, { id: booking.id });
    expect(await refused.failure()).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    // An id that does not exist is refused alike: ids can not be probed.
    const unknown = subscribe(strangerConn.client, BOOKING_UPDATED, {
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(await unknown.failure()).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    // Their other subscription on the same socket sees nothing of the guest's booking either.
    const theirs = subscribe(strangerConn.client, 'subscription { myBookingUpdates { id } }');

    const guestConn = connect(stack.url, { authorization: guest.auth.authorization });
    const updates = subscribe(guestConn.client, BOOKING_UPDATED, { id: booking.id });
    await active(stack.url, 2);
    await confirmThroughB(booking.id);
    await updates.result(1); // the guest's event is out: the stranger's would be too
    expect(refused.results).toEqual([]);
    expect(theirs.results).toEqual([]);
    await Promise.all([strangerConn.dispose(), guestConn.dispose()]);
    await active(stack.url, 0);
  });

  it("gives a hotel owner their own hotel's bookings only", async () => {
    const conn = connect(stack.url, { authorization: owner.auth.authorization });
    const other = subscribe(
      conn.client,
      'subscription ($h: ID!) { hotelBookingUpdates(hotelId: $h) { id } }',
      {
        h: rivalHotel.hotelId,
      },
    );
    expect(await other.failure()).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    const own = subscribe(
      conn.client,
      'subscription ($h: ID!) { hotelBookingUpdates(hotelId: $h) { id status hotel { id } } }',
      { h: ownHotel.hotelId },
    );
    await active(stack.url, 1);

    const elsewhere = await newBooking(guest, rivalHotel); // published first …
    const here = await newBooking(guest); // … then this one
    const first = await own.result(1);
    expect(first.data).toEqual({
      hotelBookingUpdates: { id: here.id, status: 'PENDING', hotel: { id: ownHotel.hotelId } },
    });
    await confirmThroughB(elsewhere.id);
    await confirmThroughB(here.id);
    expect((await own.result(2)).data?.hotelBookingUpdates.id).toBe(here.id);
    expect(own.results).toHaveLength(2);
    await conn.dispose();
    await active(stack.url, 0);
  });

  it("lets a partner subscribe with an API key to their hotel's bookings", async () => {
    const { secret } = await createApiKey(stack.url, owner, 'subscriptions');
    const conn = connect(stack.url, { apiKey: secret });
    // Partners run listed operations only, by id, over WebSocket as over HTTP.
    const own = subscribe(conn.client, byId(HOTEL_BOOKING_UPDATES_ID), {
      hotelId: ownHotel.hotelId,
    });
    await active(stack.url, 1);
    const booking = await newBooking(guest);
    expect((await own.result(1)).data).toEqual({
      hotelBookingUpdates: {
        __typename: 'Booking',
        id: booking.id,
        status: 'PENDING',
        guest: { __typename: 'User', name: 'E2E guest' },
      },
    });
    // The same operation as text is refused: listed operations only, by id, as over HTTP.
    const asText = subscribe(
      conn.client,
      'subscription ($h: ID!) { hotelBookingUpdates(hotelId: $h) { id guest { name } } }',
      { h: ownHotel.hotelId },
    );
    expect(await asText.failure()).toMatchObject([
      { extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } },
    ]);
    await conn.dispose();
    await active(stack.url, 0);
  });

  it('stops a partner whose API key is revoked: closed with 4403', async () => {
    const router = await stack.startRouter(SHORT_API_KEY_CACHE);
    try {
      const { secret, id } = await createApiKey(router.url, owner, 'revoked soon');
      const conn = connect(router.url, { apiKey: secret });
      const own = subscribe(conn.client, byId(HOTEL_BOOKING_UPDATES_ID), {
        hotelId: ownHotel.hotelId,
      });
      await active(router.url, 1);
      await newBooking(guest);
      await own.result(1);
      await revokeApiKey(router.url, owner, id);
      // Each event asks about the key again; its cached answer lives 1 s here.
      let closed: { code: number; reason: string } | undefined;
      void conn.closed.then((c) => {
        closed = c;
      });
      await eventually(
        async () => {
          if (closed) return true;
          await newBooking(guest);
          return false;
        },
        10_000,
        200,
      );
      expect(closed).toEqual({ code: 4403, reason: 'API key revoked' });
    } finally {
      await router.stop();
    }
  });

  it("closes a revoked key's socket (4403) within API_KEY_CACHE_TTL_SECONDS, with no event", async () => {
    const ttlSeconds = 2;
    const router = await stack.startRouter({ API_KEY_CACHE_TTL_SECONDS: String(ttlSeconds) });
    try {
      const revoked = await createApiKey(router.url, owner, 'revoked quietly');
      const kept = await createApiKey(router.url, owner, 'kept');
      const sockets = [revoked, kept].map(({ secret }) => {
        const conn = connect(router.url, { apiKey: secret });
        subscribe(conn.client, byId(HOTEL_BOOKING_UPDATES_ID), { hotelId: ownHotel.hotelId });
        return conn;
      });
      await active(router.url, 2);
      let keptClosed: unknown;
      void sockets[1]?.closed.then((closed) => {
        keptClosed = closed;
      });

      const revokedAt = Date.now();
      await revokeApiKey(router.url, owner, revoked.id);
      // No booking changes from here on: only the socket's own check can close it.
      expect(await sockets[0]?.closed).toEqual({ code: 4403, reason: 'API key revoked' });
      expect(Date.now() - revokedAt).toBeLessThan(ttlSeconds * 1000 + 1500);
      // The other key's socket was checked as often and stays open.
      expect(keptClosed).toBeUndefined();
      await active(router.url, 1);
      await sockets[1]?.dispose();
    } finally {
      await router.stop();
    }
  });

  it('keeps fragments, aliases and variables of the selection set', async () => {
    const booking = await newBooking(guest);
    const conn = connect(routerB.url, { Authorization: guest.auth.authorization });
    const updates = subscribe(
      conn.client,
      /* GraphQL */ `
        subscription Watch($id: ID!, $reviews: Int!) {
          change: bookingUpdated(id: $id) { ...Parts }
        }
        fragment Parts on Booking { status stay: checkIn hotel { ...HotelParts } }
        fragment HotelParts on Hotel { name reviews(first: $reviews) { totalCount } }
      `,
      { id: booking.id, reviews: 1 },
    );
    await active(routerB.url, 1);
    await confirmThroughB(booking.id);
    expect((await updates.result(1)).data).toEqual({
      change: {
        status: 'CONFIRMED',
        stay: booking.checkIn,
        hotel: { name: 'Casa Owner', reviews: { totalCount: 0 } },
      },
    });
    await conn.dispose();
    await active(routerB.url, 0);
  });
});

describe('refusals', () => {
  it.each([
    ['a forged token', { authorization: 'Bearer not.a.jwt' }],
    ['a header that is not a bearer token', { authorization: 'Basic abc' }],
    ['an unknown API key', { apiKey: 'tsk_unknown' }],
  ])('closes the socket with 4403 for %s', async (_kind, params) => {
    const conn = connect(stack.url, params);
    expect(await conn.closed).toMatchObject({ code: 4403 });
  });

  it('closes the socket with 4403 for a token signed with another key', async () => {
    const token = await createTokenIssuer({ secret: 'x'.repeat(40) }).issue({
      userId: guest.id,
      role: 'ADMIN',
    });
    const conn = connect(stack.url, { authorization: `Bearer ${token}` });
    expect(await conn.closed).toEqual({ code: 4403, reason: 'Invalid or expired token' });
  });

  it('answers an invalid document with GRAPHQL_VALIDATION_FAILED, and no stream', async () => {
    const conn = connect(stack.url, { authorization: guest.auth.authorization });
    const invalid = subscribe(conn.client, 'subscription { bookingUpdated(id: "x") { nope } }');
    expect(await invalid.failure()).toMatchObject([
      { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
    const twoFields = subscribe(
      conn.client,
      'subscription { myBookingUpdates { id } bookingUpdated(id: "x") { id } }',
    );
    expect(await twoFields.failure()).toMatchObject([
      { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
    const query = subscribe(conn.client, '{ me { id } }');
    expect(await query.failure()).toMatchObject([{ extensions: { code: 'BAD_REQUEST' } }]);
    expect(await subscribe(conn.client, 'subscription {').failure()).toMatchObject([
      { extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    ]);
    await active(stack.url, 0);
    await conn.dispose();
  });

  it('answers an anonymous subscriber with UNAUTHENTICATED', async () => {
    const conn = connect(stack.url);
    const anonymous = subscribe(conn.client, 'subscription { myBookingUpdates { id } }');
    expect(await anonymous.failure()).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    await conn.dispose();
  });
});

describe('connection lifetime', () => {
  it('closes a socket with 4403 when its token expires', async () => {
    const token = await createTokenIssuer({ secret: stack.jwtSecret, ttlSeconds: 1 }).issue({
      userId: guest.id,
      role: 'TRAVELER',
    });
    const conn = connect(stack.url, { authorization: `Bearer ${token}` });
    subscribe(conn.client, 'subscription { myBookingUpdates { id } }');
    expect(await conn.closed).toEqual({ code: 4403, reason: 'Token expired' });
  });

  it('pings every SUBSCRIPTIONS_KEEPALIVE_MS and drops a socket that never answers', async () => {
    const router = await stack.startRouter({ SUBSCRIPTIONS_KEEPALIVE_MS: '100' });
    try {
      const open = (autoPong: boolean) => {
        const socket = new WebSocket(wsUrl(router.url), 'graphql-transport-ws', { autoPong });
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
        return socket;
      };
      const alive = open(true);
      const pings = await new Promise<number>((resolve) => {
        let n = 0;
        alive.on('ping', () => ++n === 3 && resolve(n));
      });
      expect(pings).toBe(3);
      const silent = open(false);
      const code = await new Promise<number>((resolve) => silent.on('close', resolve));
      expect(code).toBe(1006); // terminated, no close frame: the peer is presumed gone
      expect(alive.readyState).toBe(WebSocket.OPEN);
      alive.close();
    } finally {
      await router.stop();
    }
  });
});

describe('limits per identity', () => {
  it('closes the connection over the limit (4429) and refuses subscriptions over it', async () => {
    const router = await stack.startRouter({
      SUBSCRIPTIONS_MAX_CONNECTIONS_PER_IDENTITY: '2',
      SUBSCRIPTIONS_MAX_PER_IDENTITY: '3',
    });
    const params = { authorization: guest.auth.authorization };
    const [a, b] = [connect(router.url, params), connect(router.url, params)];
    await waitForGauge(router.url, 'graphql_ws_connections', 2);
    const third = connect(router.url, params);
    expect(await third.closed).toMatchObject({ code: 4429 });
    // Another identity is not held back by the guest's sockets.
    const other = connect(router.url, { authorization: stranger.auth.authorization });
    await waitForGauge(router.url, 'graphql_ws_connections', 3);

    const query = 'subscription { myBookingUpdates { id } }';
    const subs = [
      subscribe(a.client, query),
      subscribe(a.client, query),
      subscribe(b.client, query),
    ];
    await active(router.url, 3);
    const over = subscribe(b.client, query);
    expect(await over.failure()).toMatchObject([{ extensions: { code: 'RATE_LIMITED' } }]);
    subs[0]?.unsubscribe(); // a slot comes back
    await active(router.url, 2);
    subscribe(b.client, query);
    await active(router.url, 3);
    await Promise.all([a.dispose(), b.dispose(), other.dispose()]);
    await router.stop();
  });
});

describe('going away', () => {
  it('closes sockets with 1001 when the router stops', async () => {
    const router = await stack.startRouter();
    const conn = connect(router.url, { authorization: guest.auth.authorization });
    subscribe(conn.client, 'subscription { myBookingUpdates { id } }');
    await active(router.url, 1);
    await router.stop();
    expect(await conn.closed).toMatchObject({ code: 1001 });
  });

  it('closes sockets with 1001 when the supergraph file changes, so clients resubscribe', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'supergraph-'));
    const path = join(dir, 'supergraph.graphql');
    const committed = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
    await copyFile(committed, path);
    const router = await stack.startRouter({ SUPERGRAPH_PATH: path });
    try {
      const conn = connect(router.url, { authorization: guest.auth.authorization });
      subscribe(conn.client, 'subscription { myBookingUpdates { id } }');
      await active(router.url, 1);
      await writeFile(path, `${await readFile(committed, 'utf8')}\n# recomposed\n`);
      expect(await conn.closed).toEqual({ code: 1001, reason: 'Supergraph changed; reconnect' });
    } finally {
      await router.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Apollo Sandbox', () => {
  it('is served on the subscription URL itself, which speaks graphql-transport-ws', async () => {
    const router = await stack.startRouter({ NODE_ENV: 'development' });
    try {
      const page = await fetch(router.url, { headers: { accept: 'text/html' } });
      const html = await page.text();
      expect(html).toContain('EmbeddedSandbox');
      // Sandbox derives its subscription URL from the page's (http → ws, same path) and no
      // other subscription endpoint is configured: it is the one this router serves.
      expect(html).toContain('initialEndpoint = window.location.href');
      expect(html).not.toMatch(/subscriptionEndpoint/i);
      const conn = connect(router.url);
      await new Promise<void>((resolve, reject) => {
        conn.client.on('connected', (socket) => {
          (socket as { protocol: string }).protocol === 'graphql-transport-ws'
            ? resolve()
            : reject(new Error('wrong protocol'));
        });
      });
      await conn.dispose();
      expect(wsUrl(router.url)).toMatch(/^ws:\/\/localhost:\d+\/graphql$/);
    } finally {
      await router.stop();
    }
  });
});
