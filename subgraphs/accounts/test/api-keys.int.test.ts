import { createHash, randomUUID } from 'node:crypto';
import { startForFile } from '@travel/testing';
import { describe, expect, it } from 'vitest';
import { findActiveApiKeyBySecret } from '../src/index.ts';
import { dataOf, errorCodes, signUpUser, startAccounts } from './accounts.ts';

const accounts = startForFile(startAccounts);

const CREATE = `mutation($name: String!) {
  createApiKey(name: $name) { secret apiKey { id name createdAt revokedAt } }
}`;
const REVOKE = 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';

interface Created {
  secret: string;
  apiKey: { id: string; name: string; revokedAt: string | null };
}

async function createKey(token: string, name = 'server'): Promise<Created> {
  const res = await accounts().send(CREATE, { name }, token);
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.createApiKey as Created;
}

describe('createApiKey', () => {
  it('is FORBIDDEN to a TRAVELER and UNAUTHENTICATED to anonymous', async () => {
    const traveler = await signUpUser(accounts());
    expect(errorCodes(await accounts().send(CREATE, { name: 'x' }, traveler.token))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await accounts().send(CREATE, { name: 'x' }))).toEqual(['UNAUTHENTICATED']);
    expect(await accounts().db.apiKey.count()).toBe(0);
  });

  it('shows a PARTNER the secret once and stores only its sha256', async () => {
    const partner = await signUpUser(accounts(), 'PARTNER');
    const { secret, apiKey } = await createKey(partner.token, '  nightly sync ');
    expect(secret).toMatch(/^tsk_[\w-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'nightly sync', revokedAt: null });

    const row = await accounts().db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.userId).toBe(partner.id);
    expect(row.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret.slice(4));

    // No field can read the secret again.
    const listed = await accounts().send('{ me { apiKeys { id name } } }', {}, partner.token);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(4));
  });

  it('refuses an empty name', async () => {
    const partner = await signUpUser(accounts(), 'PARTNER');
    const res = await accounts().send(CREATE, { name: '  ' }, partner.token);
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'name must not be empty',
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });
  });
});

describe('revokeApiKey', () => {
  it('revokes for the owner; revoking again keeps the first revokedAt', async () => {
    const partner = await signUpUser(accounts(), 'PARTNER');
    const { apiKey } = await createKey(partner.token);
    const first = await accounts().send(REVOKE, { id: apiKey.id }, partner.token);
    const revokedAt = dataOf<{ revokedAt: string }>(first, 'revokeApiKey').revokedAt;
    expect(revokedAt).toEqual(expect.any(String));
    const second = await accounts().send(REVOKE, { id: apiKey.id }, partner.token);
    expect(second.body.data?.revokeApiKey).toEqual({ id: apiKey.id, revokedAt });
  });

  it('is FORBIDDEN to another user, and leaves the key active', async () => {
    const owner = await signUpUser(accounts(), 'PARTNER');
    const other = await signUpUser(accounts(), 'PARTNER');
    const { apiKey, secret } = await createKey(owner.token);
    expect(errorCodes(await accounts().send(REVOKE, { id: apiKey.id }, other.token))).toEqual([
      'FORBIDDEN',
    ]);
    await expect(findActiveApiKeyBySecret(accounts().db, secret)).resolves.not.toBeNull();
  });

  it('answers NOT_FOUND for unknown and malformed ids, UNAUTHENTICATED to anonymous', async () => {
    const partner = await signUpUser(accounts(), 'PARTNER');
    for (const id of [randomUUID(), 'not-a-uuid']) {
      expect(errorCodes(await accounts().send(REVOKE, { id }, partner.token))).toEqual([
        'NOT_FOUND',
      ]);
    }
    expect(errorCodes(await accounts().send(REVOKE, { id: randomUUID() }))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });
});

describe('findActiveApiKeyBySecret', () => {
  it('finds an active key and stops finding it once revoked', async () => {
    const partner = await signUpUser(accounts(), 'PARTNER');
    const { apiKey, secret } = await createKey(partner.token);
    await expect(findActiveApiKeyBySecret(accounts().db, secret)).resolves.toEqual({
      apiKeyId: apiKey.id,
      userId: partner.id,
      role: 'PARTNER',
    });
    await accounts().send(REVOKE, { id: apiKey.id }, partner.token);
    await expect(findActiveApiKeyBySecret(accounts().db, secret)).resolves.toBeNull();
  });

  it('answers null for unknown or malformed secrets without a query for the malformed', async () => {
    await expect(
      findActiveApiKeyBySecret(accounts().db, `tsk_${'A'.repeat(43)}`),
    ).resolves.toBeNull();
    accounts().resetSql();
    await expect(findActiveApiKeyBySecret(accounts().db, 'garbage')).resolves.toBeNull();
    expect(accounts().sql).toEqual([]);
  });
});
