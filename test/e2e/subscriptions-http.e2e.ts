// Subscriptions over HTTP (Apollo's multipart protocol, graphql-sse) next to WebSocket: the same
// events, the same refusals with the same codes, the same limits, through the real clients.
import { readFileSync } from 'node:fs';
import { createTokenIssuer } from '@travel/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey, SHORT_API_KEY_CACHE } from './support/api-keys.ts';
import { book, CONFIRM_BOOKING, createRoomType, dataOf, day } from './support/bookings.ts';
import { post } from './support/graphql.ts';
import {
  apolloMultipartClient,
  codesOf,
  MULTIPART_ACCEPT,
  postStream,
  SSE_ACCEPT,
  sseClient,
} from './support/http-subscribers.ts';
import { metricValue } from './support/metrics.ts';
import { listedId } from './support/partner-operations.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import {
  byId,
  type Connection,
  connect,
  type SubscribingClient,
  subscribe,
  waitForGauge,
} from './support/subscriber.ts';
import { type SignedInUser, signUp } from './support/users.ts';

let stack: TestStack;
let guest: SignedInUser;
let owner: SignedInUser;
let hotel: { hotelId: string; roomTypeId: string };
let partnerKey: string;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  [guest, owner] = await Promise.all([
    signUp(stack.url, 'guest@http-subs.test'),
    signUp(stack.url, 'owner@http-subs.test', 'PARTNER'),
  ]);
  hotel = await createRoomType(stack.url, owner, 20, 'Casa Stream');
  partnerKey = (await createApiKey(stack.url, owner, 'streams')).secret;
});
afterAll(async () => {
  await stack?.stop();
});

let night = 10;
const newBooking = () => {
  night += 2;
  return book(stack.url, guest, {
    roomTypeId: hotel.roomTypeId,
    checkIn: day(night),
    checkOut: day(night + 1),
  });
};
const active = (n: number, url = stack.url) => waitForGauge(url, 'graphql_subscriptions_active', n);
const BOOKING_UPDATED = /* GraphQL */ `
  subscription ($id: ID!) { bookingUpdated(id: $id) { id status hotel { name } guest { name } } }
`;
const PARTNER_UPDATES = readFileSync(
  new URL('../../schema/operations/partner/hotel-booking-updates.graphql', import.meta.url),
  'utf8',
);
type ClientWith = (
  headers: Record<string, string>,
  options?: { byId?: boolean },
) => SubscribingClient;
const transports: [string, ClientWith][] = [
  [
    'Apollo Client 4 HttpLink (multipart)',
    (headers, options) => apolloMultipartClient(stack.url, headers, options),
  ],
  ['graphql-sse', (headers) => sseClient(stack.url, headers)],
];

describe.each(transports)('booking events over %s', (_name, clientWith) => {
  it("delivers a guest's booking confirmation", async () => {
    const booking = await newBooking();
    const updates = subscribe(clientWith(guest.auth), BOOKING_UPDATED, { id: booking.id });
    await active(1);
    dataOf(await post(stack.url, CONFIRM_BOOKING, { id: booking.id }, guest.auth));
    expect(await updates.result(1)).toEqual({
      data: {
        bookingUpdated: {
          ...(_name.startsWith('Apollo') ? { __typename: 'Booking' } : {}),
          id: booking.id,
          status: 'CONFIRMED',
          hotel: {
            ...(_name.startsWith('Apollo') ? { __typename: 'Hotel' } : {}),
            name: 'Casa Stream',
          },
          guest: {
            ...(_name.startsWith('Apollo') ? { __typename: 'User' } : {}),
            name: 'E2E guest',
          },
        },
      },
    });
    updates.unsubscribe();
    await active(0);
  });

  it('lets a partner run its listed subscription by id, and refuses the text', async () => {
    const client = clientWith({ 'x-api-key': partnerKey });
    const asText = subscribe(
      client,
      'subscription ($h: ID!) { hotelBookingUpdates(hotelId: $h) { id } }',
      { h: hotel.hotelId },
    );
    expect(codesOf(await asText.failure())).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    // Apollo Client sends the id through its persisted query link; graphql-sse as sent.
    const own = _name.startsWith('Apollo')
      ? subscribe(clientWith({ 'x-api-key': partnerKey }, { byId: true }), PARTNER_UPDATES, {
          hotelId: hotel.hotelId,
        })
      : subscribe(client, byId(listedId('PartnerHotelBookingUpdates')), {
          hotelId: hotel.hotelId,
        });
    await active(1);
    const booking = await newBooking();
    expect((await own.result(1)).data).toMatchObject({
      hotelBookingUpdates: { id: booking.id, status: 'PENDING', guest: { name: 'E2E guest' } },
    });
    own.unsubscribe();
    await active(0);
  });

  it('answers an anonymous subscriber with UNAUTHENTICATED', async () => {
    const anonymous = subscribe(clientWith({}), 'subscription { myBookingUpdates { id } }');
    expect(codesOf(await anonymous.failure())).toEqual(['UNAUTHENTICATED']);
  });
});

describe('bad credentials: the same refusal over every transport', () => {
  const forged = () =>
    createTokenIssuer({ secret: 'x'.repeat(40) }).issue({ userId: guest.id, role: 'TRAVELER' });
  // Signed with the stack's own secret, expired a minute ago.
  const expired = () =>
    createTokenIssuer({ secret: stack.jwtSecret, ttlSeconds: -60 }).issue({
      userId: guest.id,
      role: 'TRAVELER',
    });
  it.each([
    ['a bad token', async () => ({ authorization: 'Bearer not.a.jwt' })],
    ['a forged token', async () => ({ authorization: `Bearer ${await forged()}` })],
    ['an expired token', async () => ({ authorization: `Bearer ${await expired()}` })],
    ['an unknown API key', async () => ({ 'x-api-key': `tsk_${'A'.repeat(43)}` })],
  ])('%s', async (_kind, credentials) => {
    const headers = await credentials();
    const query = 'subscription { myBookingUpdates { id } }';
    // WebSocket: connectionParams are the headers; refused with 4403 and the reason.
    const socket = connect(stack.url, headers);
    const closed = await socket.closed;
    expect(closed.code).toBe(4403);
    // Multipart and SSE: 401 UNAUTHENTICATED with the same message, before any stream.
    for (const accept of [MULTIPART_ACCEPT, SSE_ACCEPT]) {
      const answer = await postStream(stack.url, { query }, { ...accept, ...headers });
      expect(answer.status).toBe(401);
      const [body] = (await answer.ended) as {
        errors: { message: string; extensions: object }[];
      }[];
      expect(body?.errors).toEqual([
        { message: closed.reason, extensions: { code: 'UNAUTHENTICATED' } },
      ]);
    }
    // And as Apollo Client 4 reports it.
    const viaApollo = subscribe(apolloMultipartClient(stack.url, headers), query);
    expect(codesOf(await viaApollo.failure())).toEqual(['UNAUTHENTICATED']);
  });
});

describe('metrics: every transport counted as HTTP operations are', () => {
  const sockets: Connection[] = [];
  const clientOf = {
    websocket: (headers: Record<string, string>) => {
      const socket = connect(stack.url, headers);
      sockets.push(socket);
      return socket.client;
    },
    multipart: (headers: Record<string, string>) => apolloMultipartClient(stack.url, headers),
    sse: (headers: Record<string, string>) => sseClient(stack.url, headers),
  };
  const unlisted = (action: string) =>
    metricValue(stack.url, 'graphql_unlisted_operations_total', { action });
  const connections = () =>
    Promise.all([
      metricValue(stack.url, 'graphql_ws_connections'),
      metricValue(stack.url, 'graphql_http_streams_open'),
    ]);

  it.each(['websocket', 'multipart', 'sse'] as const)('%s', async (transport) => {
    const before = { logged: await unlisted('logged'), refused: await unlisted('refused') };
    const [socketsBefore, streamsBefore] = await connections();
    // A guest's own text runs and is logged as unlisted (log_unknown, the default mode).
    const text = subscribe(
      clientOf[transport](guest.auth),
      'subscription { myBookingUpdates { id } }',
    );
    // The owner's listed subscription, by id: it runs, and is not counted.
    const listed =
      transport === 'multipart'
        ? subscribe(apolloMultipartClient(stack.url, owner.auth, { byId: true }), PARTNER_UPDATES, {
            hotelId: hotel.hotelId,
          })
        : subscribe(clientOf[transport](owner.auth), byId(listedId('PartnerHotelBookingUpdates')), {
            hotelId: hotel.hotelId,
          });
    await active(2);
    expect(await metricValue(stack.url, 'graphql_subscriptions_active', { transport })).toBe(2);
    // Two sockets, or two HTTP streams, each holding one of them.
    const [socketsNow, streamsNow] = await connections();
    expect(socketsNow - socketsBefore).toBe(transport === 'websocket' ? 2 : 0);
    expect(streamsNow - streamsBefore).toBe(transport === 'websocket' ? 0 : 2);
    if (transport !== 'websocket') {
      expect(await metricValue(stack.url, 'graphql_http_streams_open', { transport })).toBe(2);
    }
    // A partner's text is refused, and counted as refused.
    const refused = subscribe(
      clientOf[transport]({ 'x-api-key': partnerKey }),
      'subscription ($h: ID!) { hotelBookingUpdates(hotelId: $h) { id } }',
      { h: hotel.hotelId },
    );
    expect(codesOf(await refused.failure())).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    expect(await unlisted('logged')).toBe(before.logged + 1);
    expect(await unlisted('refused')).toBe(before.refused + 1);
    text.unsubscribe();
    listed.unsubscribe();
    await active(0);
    await Promise.all(sockets.splice(0).map((socket) => socket.dispose()));
  });
});

describe('subscriptions that must not reach the gateway', () => {
  it('answers a subscription sent as plain JSON (POST or GET) with 406, not 500', async () => {
    const query = 'subscription { myBookingUpdates { id } }';
    const posted = await post(stack.url, query, {}, guest.auth);
    expect(posted.status).toBe(406);
    expect(posted.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_REQUEST']);
    const url = `${stack.url}?query=${encodeURIComponent(query)}`;
    const got = await fetch(url, { headers: { ...guest.auth, 'apollo-require-preflight': '1' } });
    expect(got.status).toBe(406);
  });

  it('refuses the worst legal documents before any stream, with clear codes', async () => {
    const huge = `subscription { myBookingUpdates { ${'id '.repeat(6000)} } }`;
    const deep = `subscription { myBookingUpdates { ${'hotel { bookings { '.repeat(10)}id${' } }'.repeat(10)} } }`;
    for (const [query, code] of [
      [huge, 'GRAPHQL_PARSE_FAILED'],
      [deep, 'GRAPHQL_VALIDATION_FAILED'],
    ] as const) {
      // Multipart: a 400 answer, as Apollo Router gives.
      const multipart = await postStream(
        stack.url,
        { query },
        { ...MULTIPART_ACCEPT, ...guest.auth },
      );
      expect(multipart.status).toBe(400);
      expect(codesOf(((await multipart.ended)[0] as { errors: unknown[] }).errors)).toContain(code);
      // SSE: the stream's one result, as graphql-sse's server gives.
      const sse = await postStream(stack.url, { query }, { ...SSE_ACCEPT, ...guest.auth });
      expect(sse.status).toBe(200);
      expect(codesOf(((await sse.ended).at(-1) as { errors: unknown[] }).errors)).toContain(code);
      expect(sse.text().endsWith('event: complete\ndata:\n\n')).toBe(true);
    }
  });
});

describe('limits, heartbeats and shutdown', () => {
  it('holds one identity to its streams and subscriptions, then answers 429 RATE_LIMITED', async () => {
    const router = await stack.startRouter({
      SUBSCRIPTIONS_MAX_CONNECTIONS_PER_IDENTITY: '2',
      SUBSCRIPTIONS_HTTP_HEARTBEAT_MS: '100',
    });
    try {
      const query = 'subscription { myBookingUpdates { id } }';
      const open = await Promise.all(
        [MULTIPART_ACCEPT, SSE_ACCEPT].map((accept) =>
          postStream(router.url, { query }, { ...accept, ...guest.auth }),
        ),
      );
      expect(open.map((stream) => stream.status)).toEqual([200, 200]);
      await active(2, router.url);
      const third = await postStream(router.url, { query }, { ...MULTIPART_ACCEPT, ...guest.auth });
      expect(third.status).toBe(429);
      expect(codesOf(((await third.ended)[0] as { errors: unknown[] }).errors)).toEqual([
        'RATE_LIMITED',
      ]);
      // Heartbeats keep the idle streams open: counted, `{}` parts and `:` comments.
      await expect
        .poll(() => open.map((stream) => stream.parts.length >= 2), { timeout: 5000 })
        .toEqual([true, true]);
      // A stream given up frees its slot.
      open[0]?.cancel();
      await active(1, router.url);
      const again = await postStream(router.url, { query }, { ...MULTIPART_ACCEPT, ...guest.auth });
      expect(again.status).toBe(200);
      await active(2, router.url);

      // Shutdown ends every stream with a last error part and the closing bytes.
      await router.stop();
      const [multipartParts, sseParts] = await Promise.all([again.ended, open[1]?.ended]);
      expect(multipartParts?.at(-1)).toEqual({
        payload: null,
        errors: [{ message: 'Server shutting down', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      });
      expect(again.text().endsWith('\r\n--graphql--\r\n')).toBe(true);
      expect(sseParts?.at(-1)).toEqual({
        errors: [{ message: 'Server shutting down', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      });
      expect(open[1]?.text().endsWith('event: complete\ndata:\n\n')).toBe(true);
    } finally {
      await router.stop();
    }
  });
});

describe('revocation', () => {
  it("ends a revoked key's streams with UNAUTHENTICATED within API_KEY_CACHE_TTL_SECONDS", async () => {
    const router = await stack.startRouter(SHORT_API_KEY_CACHE);
    try {
      const { secret, id } = await createApiKey(router.url, owner, 'revoked streams');
      const request = {
        ...byId(listedId('PartnerHotelBookingUpdates')),
        variables: { hotelId: hotel.hotelId },
      };
      const streams = await Promise.all(
        [MULTIPART_ACCEPT, SSE_ACCEPT].map((accept) =>
          postStream(router.url, request, { ...accept, 'x-api-key': secret }),
        ),
      );
      expect(streams.map((stream) => stream.status)).toEqual([200, 200]);
      await active(2, router.url);
      await revokeApiKey(router.url, owner, id);
      // No booking changes: only each connection's own check can end it.
      const revoked = [{ message: 'API key revoked', extensions: { code: 'UNAUTHENTICATED' } }];
      const [multipart, sse] = await Promise.all(streams.map((stream) => stream.ended));
      expect(multipart?.at(-1)).toEqual({ payload: null, errors: revoked });
      expect(sse?.at(-1)).toEqual({ errors: revoked });
      await active(0, router.url);
    } finally {
      await router.stop();
    }
  });
});
