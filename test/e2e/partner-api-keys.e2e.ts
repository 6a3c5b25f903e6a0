// Partners: x-api-key resolved by the router, held to the partner manifest's ids.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { GraphQLHttpResponse } from '@travel/testing';
import { eventually } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey, SHORT_API_KEY_CACHE } from './support/api-keys.ts';
import { bearer, codes, post, send } from './support/graphql.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { signUp } from './support/users.ts';

const manifest = JSON.parse(
  readFileSync(new URL('../../schema/persisted-queries/partner.json', import.meta.url), 'utf8'),
) as { operations: { id: string; name: string; body: string }[] };
const idOf = (name: string) => {
  const id = manifest.operations.find((o) => o.name === name)?.id;
  if (!id) throw new Error(`${name} is not in partner.json`);
  return id;
};

let stack: TestStack;
let second: { url: string; stop(): Promise<void> };
let development: { url: string; stop(): Promise<void> };
beforeAll(async () => {
  stack = await startTestStack({ redis: true });
  second = await stack.startRouter();
  development = await stack.startRouter({ NODE_ENV: 'development', PERSISTED_QUERIES_MODE: 'off' });
});
afterAll(async () => {
  await development?.stop();
  await second?.stop();
  await stack?.stop();
});

async function partnerWithKey(url = stack.url) {
  const partner = await signUp(url, `partner-${randomUUID()}@e2e.test`, 'PARTNER');
  const { secret, id } = await createApiKey(url, partner, 'booking engine');
  return { partner, secret, apiKeyId: id };
}

/** Runs a listed operation by id, as a partner's server does. */
function byId(
  url: string,
  secret: string,
  name: string,
  variables: Record<string, unknown>,
  as: 'hash' | 'documentId' = 'hash',
): Promise<GraphQLHttpResponse<any>> {
  const id = idOf(name);
  const reference =
    as === 'hash'
      ? { extensions: { persistedQuery: { version: 1, sha256Hash: id } } }
      : { documentId: `sha256:${id}` };
  return send(url, JSON.stringify({ ...reference, variables }), { 'x-api-key': secret });
}

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('a partner with an API key', () => {
  it('searches, books, confirms, reads and cancels by listed ids, as itself', async () => {
    const { partner, secret } = await partnerWithKey();
    const search = await byId(stack.url, secret, 'PartnerSearchHotels', {
      input: { city: 'Lisbon' },
      first: 1,
    });
    expect(search.body.errors).toBeUndefined();
    const hotelId = search.body.data.searchHotels.edges[0].node.id;

    const stay = { checkIn: day(40), checkOut: day(42) };
    const details = await byId(
      second.url,
      secret,
      'PartnerHotelDetails',
      { id: hotelId, ...stay },
      'documentId',
    );
    expect(details.body.errors).toBeUndefined();
    const roomType = details.body.data.hotel.roomTypes[0];
    expect(roomType.availableRooms).toBeGreaterThan(0);

    const created = await byId(stack.url, secret, 'PartnerCreateBooking', {
      input: { roomTypeId: roomType.id, ...stay, guests: 1, idempotencyKey: randomUUID() },
    });
    expect(created.body.errors).toBeUndefined();
    const booking = created.body.data.createBooking;
    expect(booking).toMatchObject({ status: 'PENDING', hotel: { id: hotelId } });

    const confirmed = await byId(
      second.url,
      secret,
      'PartnerConfirmBooking',
      { id: booking.id },
      'documentId',
    );
    expect(confirmed.body.data?.confirmBooking.status).toBe('CONFIRMED');
    // The subgraphs saw the partner: the booking is theirs, readable with their own token too.
    const read = await post(
      stack.url,
      'query ($id: ID!) { booking(id: $id) { guest { id } } }',
      { id: booking.id },
      partner.auth,
    );
    expect(read.body.data?.booking.guest.id).toBe(partner.id);
    const byKey = await byId(stack.url, secret, 'PartnerBooking', { id: booking.id });
    expect(byKey.body.data?.booking).toMatchObject({ id: booking.id, status: 'CONFIRMED' });

    const cancelled = await byId(stack.url, secret, 'PartnerCancelBooking', { id: booking.id });
    expect(cancelled.body.data?.cancelBooking.status).toBe('CANCELLED');
  });

  it('is refused an unlisted operation (in every mode), an unknown id, an APQ registration', async () => {
    const { secret } = await partnerWithKey();
    const key = { 'x-api-key': secret };
    // Even where first-party clients may run anything (development, mode off).
    for (const url of [stack.url, development.url]) {
      const unlisted = await post(url, '{ searchHotels(input: {}) { totalCount } }', {}, key);
      expect([unlisted.status, codes(unlisted)]).toEqual([400, ['PERSISTED_QUERY_NOT_IN_LIST']]);
    }

    const unknownId = createHash('sha256').update('query X { me { id } }').digest('hex');
    for (const body of [
      { extensions: { persistedQuery: { version: 1, sha256Hash: unknownId } } },
      { documentId: unknownId },
    ]) {
      const res = await send(stack.url, JSON.stringify(body), key);
      expect([res.status, codes(res)]).toEqual([404, ['PERSISTED_QUERY_NOT_FOUND']]);
    }

    const query = '{ me { id email } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const register = await send(
      stack.url,
      JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
      key,
    );
    expect([register.status, codes(register)]).toEqual([400, ['PERSISTED_QUERY_NOT_IN_LIST']]);
  });

  it('is UNAUTHENTICATED (401) with an unknown key, and 400 with a token as well', async () => {
    const { partner, secret } = await partnerWithKey();
    const search = { input: {} };
    const unknown = await byId(stack.url, `tsk_${'A'.repeat(43)}`, 'PartnerSearchHotels', search);
    expect([unknown.status, codes(unknown)]).toEqual([401, ['UNAUTHENTICATED']]);
    const both = await send(
      stack.url,
      JSON.stringify({ documentId: idOf('PartnerSearchHotels'), variables: search }),
      {
        'x-api-key': secret,
        ...bearer(partner.token),
      },
    );
    expect(both.status).toBe(400);
  });

  it('resolves a key through accounts once, then from the cache shared by every instance', async () => {
    const { secret } = await partnerWithKey();
    const vars = { input: { city: 'Porto' }, first: 1 };
    stack.resetSql();
    expect(
      (await byId(stack.url, secret, 'PartnerSearchHotels', vars)).body.errors,
    ).toBeUndefined();
    const lookups = stack.sql.accounts.filter((sql) => sql.includes('api_keys')).length;
    expect(lookups).toBe(1);
    expect(
      (await byId(second.url, secret, 'PartnerSearchHotels', vars)).body.errors,
    ).toBeUndefined();
    expect(
      (await byId(stack.url, secret, 'PartnerSearchHotels', vars)).body.errors,
    ).toBeUndefined();
    expect(stack.sql.accounts.filter((sql) => sql.includes('api_keys'))).toHaveLength(1);
  });
});

describe('with Redis down', () => {
  it('still resolves keys (through accounts) instead of failing requests', async () => {
    const { secret } = await partnerWithKey();
    const cut = await stack.startRouter({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await byId(cut.url, secret, 'PartnerSearchHotels', { input: {}, first: 1 });
      expect([res.status, res.body.errors]).toEqual([200, undefined]);
    } finally {
      await cut.stop();
    }
  });
});

describe('a revoked key', () => {
  it('stops working on every instance once the cached resolution expires', async () => {
    // Two more instances with a 1 s cache, sharing their own Redis prefix.
    const env = {
      ...SHORT_API_KEY_CACHE,
      REDIS_KEY_PREFIX: `${stack.redisKeyPrefix}short:`,
    };
    const a = await stack.startRouter(env);
    const b = await stack.startRouter(env);
    try {
      const { partner, secret, apiKeyId } = await partnerWithKey(a.url);
      const status = async (url: string) =>
        (await byId(url, secret, 'PartnerSearchHotels', { input: {}, first: 1 })).status;
      expect([await status(a.url), await status(b.url)]).toEqual([200, 200]);

      await revokeApiKey(a.url, partner, apiKeyId);
      const started = Date.now();
      const stopped = new Set<string>();
      // Fails when the revoked key still works after 10 s.
      await eventually(
        async () => {
          for (const url of [a.url, b.url]) if ((await status(url)) === 401) stopped.add(url);
          return stopped.size === 2;
        },
        10_000,
        50,
      );
      expect(Date.now() - started).toBeLessThan(60_000);
      const refused = await byId(b.url, secret, 'PartnerSearchHotels', { input: {} });
      expect([refused.status, codes(refused)]).toEqual([401, ['UNAUTHENTICATED']]);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
