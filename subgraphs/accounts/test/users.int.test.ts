import { randomUUID } from 'node:crypto';
import { startForFile } from '@travel/testing';
import { describe, expect, it } from 'vitest';
import { createAdmin, dataOf, errorCodes, signUpUser, startAccounts } from './accounts.ts';

const accounts = startForFile(startAccounts);

const USER = 'query User($id: ID!) { user(id: $id) { id name email role } }';

describe('User.email', () => {
  it('is null for others and anonymous, visible to the user and to an ADMIN', async () => {
    const ada = await signUpUser(accounts());
    const bob = await signUpUser(accounts());
    const admin = await createAdmin(accounts());
    const emailAs = async (token?: string) => {
      const res = await accounts().send(USER, { id: ada.id }, token);
      expect(res.body.errors).toBeUndefined();
      return dataOf<{ email: string | null }>(res, 'user').email;
    };
    expect(await emailAs(bob.token)).toBeNull();
    expect(await emailAs(undefined)).toBeNull();
    expect(await emailAs(ada.token)).toBe(ada.email);
    expect(await emailAs(admin.token)).toBe(ada.email);
  });

  it('makes a response private while public fields stay public', async () => {
    const ada = await signUpUser(accounts());
    const pub = await accounts().send('query($id: ID!) { user(id: $id) { id name } }', {
      id: ada.id,
    });
    expect(pub.headers.get('cache-control')).toBe('max-age=60, public');
    const own = await accounts().send(USER, { id: ada.id }, ada.token);
    expect(own.headers.get('cache-control')).toBe('max-age=60, private');
    const me = await accounts().send('{ me { id } }', {}, ada.token);
    expect(me.headers.get('cache-control')).toBe('max-age=60, private');
  });
});

describe('Query.user', () => {
  it('answers null for an unknown id and for a malformed one, without asking the database', async () => {
    const unknown = await accounts().send(USER, { id: randomUUID() });
    expect(unknown.body).toEqual({ data: { user: null } });
    accounts().resetSql();
    for (const id of ['42', 'not-a-uuid', "'; DROP TABLE users; --", '']) {
      const res = await accounts().send(USER, { id });
      expect(res.body).toEqual({ data: { user: null } });
    }
    expect(accounts().sql).toEqual([]);
  });

  it('finds an id written in upper case', async () => {
    const ada = await signUpUser(accounts());
    const res = await accounts().send(USER, { id: ada.id.toUpperCase() });
    expect(dataOf<{ id: string }>(res, 'user').id).toBe(ada.id);
  });
});

describe('User entity', () => {
  const ENTITIES = `query($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on User { id name role createdAt } }
  }`;

  it('resolves 50 users with ONE SQL statement, in the order asked', async () => {
    const ids = Array.from({ length: 50 }, () => randomUUID());
    await accounts().db.user.createMany({
      data: ids.map((id, i) => ({
        id,
        email: `bulk-${i}-${id}@example.com`,
        name: `Bulk ${i}`,
        passwordHash: 'scrypt$16384$8$1$x$y',
      })),
    });
    const asked = [...ids].reverse();
    accounts().resetSql();
    const res = await accounts().send(ENTITIES, {
      representations: asked.map((id) => ({ __typename: 'User', id })),
    });
    expect(res.body.errors).toBeUndefined();
    const entities = dataOf<{ id: string; name: string }[]>(res, '_entities');
    expect(entities.map((user) => user.id)).toEqual(asked);
    expect(accounts().sql).toHaveLength(1);
    expect(accounts().sql[0]).toMatch(/^SELECT/i);
  });

  it('answers null for unknown and malformed keys', async () => {
    const ada = await signUpUser(accounts());
    const res = await accounts().send(ENTITIES, {
      representations: [
        { __typename: 'User', id: 'nope' },
        { __typename: 'User', id: randomUUID() },
        { __typename: 'User', id: ada.id },
      ],
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?._entities).toEqual([null, null, expect.objectContaining({ id: ada.id })]);
  });
});

describe('User.apiKeys', () => {
  const KEYS = 'query($id: ID!) { user(id: $id) { id apiKeys { id name revokedAt } } }';

  it('is shown to the user themself', async () => {
    const partner = await signUpUser(accounts(), 'PARTNER');
    await accounts().send(
      'mutation { createApiKey(name: "ci") { apiKey { id } } }',
      {},
      partner.token,
    );
    const res = await accounts().send(KEYS, { id: partner.id }, partner.token);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.user).toMatchObject({ apiKeys: [{ name: 'ci', revokedAt: null }] });
  });

  it('is FORBIDDEN to anyone else, ADMIN included, and UNAUTHENTICATED to anonymous', async () => {
    const partner = await signUpUser(accounts(), 'PARTNER');
    const other = await signUpUser(accounts());
    const admin = await createAdmin(accounts());
    for (const token of [other.token, admin.token]) {
      const res = await accounts().send(KEYS, { id: partner.id }, token);
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      expect(res.body.data?.user).toBeNull();
    }
    const anonymous = await accounts().send(KEYS, { id: partner.id });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
  });
});
