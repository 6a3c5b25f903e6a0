import { startForFile } from '@travel/testing';
import { describe, expect, it } from 'vitest';
import { dataOf, signUpUser, startAccounts } from './accounts.ts';

const accounts = startForFile(startAccounts);

const IDENTITY =
  'query($secret: String!) { apiKeyIdentity(secret: $secret) { apiKeyId userId role } }';

describe('apiKeyIdentity (router-internal)', () => {
  it("answers an active key's identity, and null once it is revoked", async () => {
    const partner = await signUpUser(accounts(), 'PARTNER');
    const created = dataOf<{ secret: string; apiKey: { id: string } }>(
      await accounts().send(
        'mutation { createApiKey(name: "k") { secret apiKey { id } } }',
        {},
        partner.token,
      ),
      'createApiKey',
    );
    const before = await accounts().send(IDENTITY, { secret: created.secret });
    expect(before.body.data?.apiKeyIdentity).toEqual({
      apiKeyId: created.apiKey.id,
      userId: partner.id,
      role: 'PARTNER',
    });
    // Never cacheable: a revocation must be seen on the next resolution.
    expect(before.headers.get('cache-control')).toBe('no-store');

    await accounts().send(
      'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
      { id: created.apiKey.id },
      partner.token,
    );
    const after = await accounts().send(IDENTITY, { secret: created.secret });
    expect(after.body).toEqual({ data: { apiKeyIdentity: null } });
  });

  it('answers null for an unknown or malformed secret', async () => {
    for (const secret of [`tsk_${'A'.repeat(43)}`, 'not a key', '']) {
      const res = await accounts().send(IDENTITY, { secret });
      expect(res.body).toEqual({ data: { apiKeyIdentity: null } });
    }
  });
});
