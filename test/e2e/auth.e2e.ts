import { createTokenIssuer } from '@travel/auth';
import { startForFile } from '@travel/testing';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createHotel } from './support/catalogue.ts';
import { bearer, codes, post } from './support/graphql.ts';
import { startTestStack } from './support/stack.ts';

const stack = startForFile(() => startTestStack({ seed: false }));

const SIGN_UP = /* GraphQL */ `
  mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id role } } }
`;
const LOG_IN = /* GraphQL */ `
  mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }
`;

async function signUp(email: string, role: 'TRAVELER' | 'PARTNER' = 'TRAVELER') {
  const res = await post(stack().url, SIGN_UP, {
    input: { email, password: 'correct horse battery', name: email.split('@')[0], role },
  });
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.signUp as { token: string; user: { id: string } };
}

describe('authentication through the router', () => {
  it('answers an unknown email and a wrong password alike', async () => {
    await signUp('known@e2e.test');
    const unknown = await post(stack().url, LOG_IN, {
      email: 'nobody@e2e.test',
      password: 'whatever12',
    });
    const wrong = await post(stack().url, LOG_IN, {
      email: 'known@e2e.test',
      password: 'wrong-password',
    });
    expect(unknown.body.errors?.[0]).toEqual(wrong.body.errors?.[0]);
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(unknown.status).toBe(wrong.status);
  });

  it.each([
    ['forged', async () => 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'],
    [
      'wrongly signed',
      async () =>
        createTokenIssuer({ secret: 'x'.repeat(40) }).issue({ userId: 'u', role: 'ADMIN' }),
    ],
    [
      'expired',
      async () =>
        new SignJWT({ role: 'ADMIN' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('u')
          .setIssuer('travel-accounts')
          .setAudience('travel-supergraph')
          .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
          .sign(new TextEncoder().encode(stack().jwtSecret)),
    ],
  ])('refuses a %s token with HTTP 401 at the router', async (_kind, token) => {
    const res = await post(stack().url, '{ me { id } }', {}, bearer(await token()));
    expect(res.status).toBe(401);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
  });

  it('serves a token again and again, yet refuses it altered by one character', async () => {
    const { token, user } = await signUp('repeat@e2e.test');
    // The router and accounts now hold the token as verified: it must keep working...
    for (let i = 0; i < 3; i++) {
      const res = await post(stack().url, '{ me { id } }', {}, bearer(token));
      expect(res.body).toEqual({ data: { me: { id: user.id } } });
    }
    // ...and a near-identical token is not mistaken for it, by the router or a subgraph.
    const [header, payload, signature = ''] = token.split('.');
    const altered = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    for (const url of [stack().url, stack().subgraphUrls.accounts]) {
      const res = await post(url, '{ me { id } }', {}, bearer(altered));
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      expect(res.body.data ?? null).toBeNull();
    }
  });

  it('refuses a forged token with UNAUTHENTICATED at a subgraph called directly', async () => {
    const res = await post(
      stack().subgraphUrls.accounts,
      '{ me { id } }',
      {},
      bearer('not.a.token'),
    );
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.body.data ?? null).toBeNull();
  });
});

describe('authorization through the router', () => {
  const hotelInput = {
    name: 'Casa Azul',
    description: 'Blue tiles',
    city: 'Lisbon',
    starRating: 4,
  };

  it('does not let a TRAVELER create a hotel', async () => {
    const traveler = await signUp('traveler1@e2e.test');
    const res = await createHotel(stack().url, { auth: bearer(traveler.token) }, hotelInput);
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });

  it("does not let a partner add a room type to another partner's hotel", async () => {
    const owner = await signUp('owner@e2e.test', 'PARTNER');
    const rival = await signUp('rival@e2e.test', 'PARTNER');
    const created = await createHotel(stack().url, { auth: bearer(owner.token) }, hotelInput);
    const hotelId = created.body.data?.createHotel.id;
    expect(hotelId).toBeTruthy();
    const addRoomType = /* GraphQL */ `
      mutation ($hotelId: ID!, $input: RoomTypeInput!) { addRoomType(hotelId: $hotelId, input: $input) { id } }
    `;
    const input = {
      name: 'Double',
      maxGuests: 2,
      totalRooms: 3,
      nightlyRate: 9000,
      currency: 'EUR',
    };
    const refused = await post(stack().url, addRoomType, { hotelId, input }, bearer(rival.token));
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    const hotel = await post(
      stack().url,
      'query ($id: ID!) { hotel(id: $id) { roomTypes { id } } }',
      { id: hotelId },
    );
    expect(hotel.body.data?.hotel.roomTypes).toEqual([]);
    const allowed = await post(stack().url, addRoomType, { hotelId, input }, bearer(owner.token));
    expect(allowed.body.errors).toBeUndefined();
  });

  it("reads another user's email as null, and one's own", async () => {
    const alice = await signUp('alice@e2e.test');
    const bob = await signUp('bob@e2e.test');
    const query = 'query ($id: ID!) { user(id: $id) { name email } }';
    const asBob = await post(stack().url, query, { id: alice.user.id }, bearer(bob.token));
    expect(asBob.body.data?.user).toEqual({ name: 'alice', email: null });
    const asAlice = await post(stack().url, query, { id: alice.user.id }, bearer(alice.token));
    expect(asAlice.body.data?.user.email).toBe('alice@e2e.test');
  });
});
