import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenIssuer } from './token-issuer.ts';
import { createTokenVerifier } from './token-verifier.ts';
import { viewerFromAuthorization } from './viewer-from-authorization.ts';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const verifier = createTokenVerifier({ secret });

describe('tokens', () => {
  it('round-trips a viewer', async () => {
    const token = await createTokenIssuer({ secret }).issue({ userId: 'u1', role: 'PARTNER' });
    await expect(verifier.verify(token)).resolves.toEqual({ userId: 'u1', role: 'PARTNER' });
  });

  it('rejects a token signed with another key', async () => {
    const token = await createTokenIssuer({ secret: `${secret}-other` }).issue({
      userId: 'u1',
      role: 'ADMIN',
    });
    await expect(verifier.verify(token)).rejects.toThrow();
  });

  it('rejects an expired token', async () => {
    const token = await new SignJWT({ role: 'TRAVELER' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('travel-accounts')
      .setAudience('travel-supergraph')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(secret));
    await expect(verifier.verify(token)).rejects.toThrow();
  });

  it('rejects an unsigned (alg none) token', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${encode({ alg: 'none' })}.${encode({ sub: 'u1', role: 'ADMIN', iss: 'travel-accounts', aud: 'travel-supergraph', iat: now, exp: now + 60 })}.`;
    await expect(verifier.verify(unsigned)).rejects.toThrow();
  });

  it('rejects a token whose role is not a known role', async () => {
    const token = await new SignJWT({ role: 'ROOT' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('travel-accounts')
      .setAudience('travel-supergraph')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    await expect(verifier.verify(token)).rejects.toThrow();
  });
});

describe('viewerFromAuthorization', () => {
  it('is anonymous without a header', async () => {
    await expect(viewerFromAuthorization(verifier, undefined)).resolves.toBeNull();
  });

  it('refuses a header that is not a bearer token', async () => {
    await expect(viewerFromAuthorization(verifier, 'Basic abc')).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  });

  it('refuses a forged token with UNAUTHENTICATED', async () => {
    await expect(viewerFromAuthorization(verifier, 'Bearer not.a.jwt')).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
