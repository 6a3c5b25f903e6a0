import { createTokenIssuer, createTokenVerifier } from '@travel/auth';
import { describe, expect, it, vi } from 'vitest';
import type { ApiKeyAuthentication } from '../http/authenticate.ts';
import {
  type AuthenticateCredentialsOptions,
  authenticateCredentials,
  CredentialsRefused,
  credentialsFromConnectionParams,
  credentialsFromHeaders,
} from './authenticate-credentials.ts';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const verifier = createTokenVerifier({ secret });
const issuer = createTokenIssuer({ secret, ttlSeconds: 600 });
const partner = { apiKeyId: 'k1', userId: 'p1', role: 'PARTNER' as const };

/** API keys as issue 4 resolves them; `minted` tokens live `ttlSeconds`. */
function apiKeys(
  ttlSeconds: number,
  resolve = vi.fn(async (key: string) => (key === 'good' ? partner : null)),
) {
  const minter = createTokenIssuer({ secret, ttlSeconds });
  return { resolve, issue: vi.fn((viewer) => minter.issue(viewer)) } satisfies ApiKeyAuthentication;
}

/** A WebSocket's `connection_init`: its params are the headers. */
const authenticateConnection = (
  params: Record<string, unknown> | undefined,
  address: string,
  options: AuthenticateCredentialsOptions,
) => authenticateCredentials(credentialsFromConnectionParams(params), address, options);

describe('credentials', () => {
  it('reads the same credentials from headers and from connectionParams', () => {
    expect(credentialsFromHeaders({ authorization: 'Bearer t', 'x-api-key': 'k' })).toEqual({
      authorization: 'Bearer t',
      apiKey: 'k',
    });
    expect(
      credentialsFromConnectionParams({ Authorization: 'Bearer t', 'X-Api-Key': 'k' }),
    ).toEqual({ authorization: 'Bearer t', apiKey: 'k' });
    expect(credentialsFromConnectionParams({ apiKey: 'k' })).toEqual({
      authorization: undefined,
      apiKey: 'k',
    });
    // A repeated header is no key: refused like an unknown one, never anonymous.
    expect(credentialsFromHeaders({ 'x-api-key': ['a', 'b'] as unknown as string }).apiKey).toBe(
      '',
    );
  });

  it('refuses both kinds at once as BAD_REQUEST, bad ones as UNAUTHENTICATED', async () => {
    const keys = apiKeys(600);
    const both = authenticateCredentials({ authorization: 'Bearer x', apiKey: 'good' }, '', {
      verifier,
      apiKeys: keys,
    });
    await expect(both).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    for (const credentials of [{ authorization: 'Basic abc' }, { apiKey: '' }, { apiKey: 'bad' }]) {
      await expect(
        authenticateCredentials(credentials, '', { verifier, apiKeys: keys }),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect(keys.resolve).not.toHaveBeenCalledWith('', undefined);
  });
});

describe('authenticateCredentials', () => {
  it('takes a bearer token, under either spelling, until it expires', async () => {
    const token = await issuer.issue({ userId: 'u1', role: 'TRAVELER' });
    for (const params of [
      { authorization: `Bearer ${token}` },
      { Authorization: `Bearer ${token}` },
    ]) {
      const session = await authenticateConnection(params, '10.0.0.1', { verifier });
      expect(session).toMatchObject({
        viewer: { userId: 'u1', role: 'TRAVELER' },
        identity: 'user:u1',
      });
      await expect(session.authorization()).resolves.toBe(`Bearer ${token}`);
      expect(session.expiresAt).toBeGreaterThan(Date.now() + 590_000);
      expect(session.expiresAt).toBeLessThanOrEqual(Date.now() + 600_000);
    }
  });

  it("ends each session with its own token's expiry, however often the token comes", async () => {
    const [short, long] = await Promise.all(
      [60, 6000].map((ttlSeconds) =>
        createTokenIssuer({ secret, ttlSeconds }).issue({ userId: 'u1', role: 'TRAVELER' }),
      ),
    );
    const expiryOf = async (token: string) =>
      (await authenticateConnection({ authorization: `Bearer ${token}` }, '', { verifier }))
        .expiresAt ?? 0;
    for (let round = 0; round < 2; round++) {
      expect(await expiryOf(short as string)).toBeLessThanOrEqual(Date.now() + 60_000);
      expect(await expiryOf(long as string)).toBeGreaterThan(Date.now() + 5_000_000);
    }
  });

  it('gives two tokens of one user the same credential key (answers may be shared)', async () => {
    const keys = await Promise.all(
      [600, 700].map(async (ttlSeconds) => {
        const token = await createTokenIssuer({ secret, ttlSeconds }).issue({
          userId: 'u1',
          role: 'TRAVELER',
        });
        return (
          await authenticateConnection({ authorization: `Bearer ${token}` }, '', { verifier })
        ).credentialKey;
      }),
    );
    expect(keys[0]).toBe(keys[1]);
    const admin = await issuer.issue({ userId: 'u1', role: 'ADMIN' });
    const other = await authenticateConnection({ authorization: `Bearer ${admin}` }, '', {
      verifier,
    });
    expect(other.credentialKey).not.toBe(keys[0]);
  });

  it('refuses bad credentials instead of making them anonymous', async () => {
    const forged = await createTokenIssuer({ secret: 'x'.repeat(40) }).issue({
      userId: 'u',
      role: 'ADMIN',
    });
    for (const params of [
      { authorization: `Bearer ${forged}` },
      { authorization: 'Basic abc' },
      { authorization: { nested: true } },
      { apiKey: 'good' }, // no API key resolver given
      { authorization: `Bearer ${forged}`, apiKey: 'good' },
    ]) {
      await expect(authenticateConnection(params, '10.0.0.1', { verifier })).rejects.toBeInstanceOf(
        CredentialsRefused,
      );
    }
  });

  it('counts anonymous sockets by address', async () => {
    const session = await authenticateConnection(undefined, '10.0.0.1', { verifier });
    expect(session).toMatchObject({ viewer: null, identity: 'ip:10.0.0.1', expiresAt: undefined });
    await expect(session.authorization()).resolves.toBeUndefined();
  });

  it('resolves an API key and forwards a minted token, reused while it is fresh', async () => {
    const keys = apiKeys(600);
    const session = await authenticateConnection({ apiKey: 'good' }, '10.0.0.1', {
      verifier,
      apiKeys: keys,
    });
    expect(session).toMatchObject({
      viewer: partner,
      identity: 'user:p1',
      credentialKey: '["p1","PARTNER","k1"]',
    });
    const [first, second] = [await session.authorization(), await session.authorization()];
    expect(first).toBe(second);
    await expect(verifier.verify(first?.slice('Bearer '.length) ?? '')).resolves.toMatchObject({
      viewer: partner,
    });
    expect(keys.issue).toHaveBeenCalledOnce();
    await expect(
      authenticateConnection({ apiKey: 'bad' }, '10.0.0.1', { verifier, apiKeys: keys }),
    ).rejects.toBeInstanceOf(CredentialsRefused);
  });

  it('renews a partner token close to expiry, and refuses once the key is revoked', async () => {
    const keys = apiKeys(10); // always within the renewal margin
    const session = await authenticateConnection({ apiKey: 'good' }, '10.0.0.1', {
      verifier,
      apiKeys: keys,
    });
    await session.authorization();
    await session.authorization();
    expect(keys.issue).toHaveBeenCalledTimes(2);
    keys.resolve.mockResolvedValue(null); // revoked meanwhile
    await expect(session.authorization()).rejects.toThrow('API key revoked');
  });

  it('asks about the key before every operation, even with a fresh token', async () => {
    const keys = apiKeys(600);
    const session = await authenticateConnection({ apiKey: 'good' }, '10.0.0.1', {
      verifier,
      apiKeys: keys,
    });
    await session.authorization();
    keys.resolve.mockResolvedValue(null);
    await expect(session.authorization()).rejects.toBeInstanceOf(CredentialsRefused);
    expect(keys.issue).toHaveBeenCalledOnce();
  });
});
