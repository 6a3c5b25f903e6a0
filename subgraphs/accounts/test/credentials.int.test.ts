import { startForFile, TEST_JWT_SECRET } from '@travel/testing';
import { describe, expect, it } from 'vitest';
import {
  dataOf,
  errorCodes,
  LOG_IN,
  SIGN_UP,
  signJwt,
  signUpUser,
  startAccounts,
} from './accounts.ts';

const accounts = startForFile(startAccounts);

const ME = 'query { me { id email role } }';

describe('signUp and logIn', () => {
  it('round-trips: the signUp token, the logIn token and the stored row agree', async () => {
    const signUp = await accounts().send(SIGN_UP, {
      input: { email: '  Grace@Example.COM ', password: 'hopper-1906!', name: ' Grace ' },
    });
    expect(signUp.body.errors).toBeUndefined();
    const { token, user } = dataOf<{ token: string; user: Record<string, unknown> }>(
      signUp,
      'signUp',
    );
    // The payload shows the new user their own email although no token was sent.
    expect(user).toMatchObject({ name: 'Grace', email: 'grace@example.com', role: 'TRAVELER' });
    expect(new Date(user.createdAt as string).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const me = await accounts().send(ME, {}, token);
    expect(me.body.data?.me).toEqual({ id: user.id, email: 'grace@example.com', role: 'TRAVELER' });

    const logIn = await accounts().send(LOG_IN, {
      email: 'GRACE@example.com',
      password: 'hopper-1906!',
    });
    expect(logIn.body.data?.logIn).toMatchObject({
      user: { id: user.id, email: 'grace@example.com' },
    });
    const again = await accounts().send(ME, {}, dataOf<{ token: string }>(logIn, 'logIn').token);
    expect(dataOf<{ id: string }>(again, 'me').id).toBe(user.id);

    const row = await accounts().db.user.findUniqueOrThrow({ where: { id: user.id as string } });
    expect(row.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(row.passwordHash).not.toContain('hopper');
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const { email } = await signUpUser(accounts());
    const wrong = await accounts().send(LOG_IN, { email, password: 'not the password' });
    const unknown = await accounts().send(LOG_IN, {
      email: 'nobody-here@example.com',
      password: 'not the password',
    });
    expect(wrong.body.errors?.[0]).toMatchObject({
      message: 'Invalid email or password',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('signs up a PARTNER when asked', async () => {
    const res = await accounts().send(SIGN_UP, {
      input: { email: 'partner@example.com', password: 'partner pass', name: 'P', role: 'PARTNER' },
    });
    expect(dataOf<{ user: { role: string } }>(res, 'signUp').user.role).toBe('PARTNER');
  });

  it('refuses ADMIN at sign-up', async () => {
    const res = await accounts().send(SIGN_UP, {
      input: { email: 'wannabe@example.com', password: 'admin please', name: 'W', role: 'ADMIN' },
    });
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'input.role must be TRAVELER or PARTNER',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.role' },
    });
    expect(await accounts().db.user.count({ where: { email: 'wannabe@example.com' } })).toBe(0);
  });

  it.each([
    ['input.email', { email: 'nope' }],
    ['input.password', { password: 'short' }],
    ['input.name', { name: '  ' }],
  ])('refuses a bad %s with BAD_USER_INPUT', async (field, override) => {
    const input = {
      email: `bad-${field.slice('input.'.length)}@example.com`,
      password: 'long enough',
      name: 'N',
      ...override,
    };
    const res = await accounts().send(SIGN_UP, { input });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses a duplicate email, whatever its case', async () => {
    const { email } = await signUpUser(accounts());
    const res = await accounts().send(SIGN_UP, {
      input: { email: email.toUpperCase(), password: 'another password', name: 'Dup' },
    });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'input.email already belongs to an account',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.email' },
    });
  });

  it('lets exactly one of several concurrent sign-ups with one email win', async () => {
    const email = 'race@example.com';
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        accounts().send(SIGN_UP, {
          input: { email, password: `password-${i}-long`, name: `R${i}` },
        }),
      ),
    );
    const won = results.filter((res) => res.body.data?.signUp);
    const lost = results.filter((res) => !res.body.data?.signUp);
    expect(won).toHaveLength(1);
    expect(lost.map(errorCodes)).toEqual(Array(4).fill(['BAD_USER_INPUT']));
    expect(await accounts().db.user.count({ where: { email } })).toBe(1);
  });
});

describe('tokens sent straight to the subgraph', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (userId: string) => ({
    sub: userId,
    role: 'ADMIN',
    iss: 'travel-accounts',
    aud: 'travel-supergraph',
    iat: now(),
    exp: now() + 600,
  });

  it('accepts a well-formed token (control)', async () => {
    const { id } = await signUpUser(accounts());
    const res = await accounts().send(
      ME,
      {},
      { authorization: `Bearer ${signJwt(claims(id), TEST_JWT_SECRET)}` },
    );
    expect(res.status).toBe(200);
    expect(dataOf<{ id: string }>(res, 'me').id).toBe(id);
  });

  const unsigned = (payload: object) => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
  };
  const bearer = (token: string) => `Bearer ${token}`;

  it.each([
    [
      'signed with another key',
      (id: string) => bearer(signJwt(claims(id), `${TEST_JWT_SECRET}-x`)),
    ],
    [
      'expired',
      (id: string) =>
        bearer(signJwt({ ...claims(id), iat: now() - 7200, exp: now() - 3600 }, TEST_JWT_SECRET)),
    ],
    ['unsigned (alg none)', (id: string) => bearer(unsigned(claims(id)))],
    [
      'from another issuer',
      (id: string) => bearer(signJwt({ ...claims(id), iss: 'x' }, TEST_JWT_SECRET)),
    ],
    ['that is garbage', () => bearer('not.a.jwt')],
    ['that is not a bearer token', () => 'Basic dXNlcjpwYXNz'],
  ])('answers 401 UNAUTHENTICATED to a token %s', async (_what, header) => {
    const { id } = await signUpUser(accounts());
    const res = await accounts().send(ME, {}, { authorization: header(id) });
    expect(res.status).toBe(401);
    expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.body.data ?? null).toBeNull();
  });

  it('answers me with null when anonymous', async () => {
    const res = await accounts().send(ME, {}, { authorization: undefined });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { me: null } });
  });
});
