import { type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenIssuer } from './token-issuer.ts';
import { createTokenVerifier } from './token-verifier.ts';
import { viewerFromAuthorization } from './viewer-from-authorization.ts';

// The real jwtVerify, counted: a cache hit must not reach it.
vi.mock('jose', async (importOriginal) => {
  const jose = await importOriginal<typeof import('jose')>();
  return { ...jose, jwtVerify: vi.fn(jose.jwtVerify) };
});
const joseCalls = () => vi.mocked(jwtVerify).mock.calls.length;

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const verifier = createTokenVerifier({ secret });

describe('tokens', () => {
  it('round-trips a viewer', async () => {
    const token = await createTokenIssuer({ secret }).issue({ userId: 'u1', role: 'PARTNER' });
    await expect(verifier.verify(token)).resolves.toMatchObject({
      viewer: { userId: 'u1', role: 'PARTNER' },
    });
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

describe('the verified-token cache', () => {
  const T = 1_900_000_000; // seconds; every verifier below runs on its own clock
  const clockAt = (seconds: number) => {
    const clock = { ms: seconds * 1000, now: () => clock.ms };
    return clock;
  };
  /** A token as accounts issues it, with chosen times; `key` other than `secret` forges it. */
  const sign = (sub: string, iat: number, exp: number, claims: JWTPayload = {}, key = secret) =>
    new SignJWT({ role: 'TRAVELER', ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setIssuer('travel-accounts')
      .setAudience('travel-supergraph')
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(key));

  beforeEach(() => {
    vi.mocked(jwtVerify).mockClear();
  });

  it('verifies a token with jose once, then answers the same viewer from the cache', async () => {
    const cached = createTokenVerifier({ secret, now: clockAt(T).now });
    const token = await sign('u1', T, T + 3600, { akid: 'key-1' });
    const first = await cached.verify(token);
    expect(first).toEqual({
      viewer: { userId: 'u1', role: 'TRAVELER', apiKeyId: 'key-1' },
      expiresAt: (T + 3600) * 1000,
    });
    for (let i = 0; i < 5; i++) expect(await cached.verify(token)).toBe(first);
    expect(joseCalls()).toBe(1);
  });

  it('keeps different tokens of the same user apart', async () => {
    const cached = createTokenVerifier({ secret, now: clockAt(T).now });
    const traveler = await sign('u1', T, T + 3600);
    const admin = await sign('u1', T, T + 3600, { role: 'ADMIN' });
    const later = await sign('u1', T + 1, T + 3601);
    for (let round = 0; round < 2; round++) {
      expect((await cached.verify(traveler)).viewer.role).toBe('TRAVELER');
      expect((await cached.verify(admin)).viewer.role).toBe('ADMIN');
      expect((await cached.verify(later)).viewer.role).toBe('TRAVELER');
    }
    expect(joseCalls()).toBe(3);
  });

  it('verifies, and refuses, a forged token every time, with the same 401', async () => {
    const cached = createTokenVerifier({ secret, now: clockAt(T).now });
    const forged = await sign('u1', T, T + 3600, { role: 'ADMIN' }, `${secret}-other`);
    for (let i = 0; i < 3; i++) {
      await expect(viewerFromAuthorization(cached, `Bearer ${forged}`)).rejects.toMatchObject({
        message: 'Invalid or expired token',
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
    expect(joseCalls()).toBe(3);
  });

  it('does not let a flood of forged tokens push a good one out', async () => {
    const cached = createTokenVerifier({ secret, cacheMaxEntries: 2, now: clockAt(T).now });
    const good = await sign('u1', T, T + 3600);
    await cached.verify(good);
    for (let i = 0; i < 20; i++) {
      const forged = await sign(`attacker-${i}`, T, T + 3600, {}, `${secret}-other`);
      await expect(cached.verify(forged)).rejects.toThrow();
    }
    const before = joseCalls();
    await expect(cached.verify(good)).resolves.toMatchObject({
      viewer: { userId: 'u1', role: 'TRAVELER' },
    });
    expect(joseCalls()).toBe(before);
  });

  it('refuses an expired token exactly as an uncached verifier does', async () => {
    const clock = clockAt(T);
    const cached = createTokenVerifier({ secret, now: clock.now });
    const uncached = createTokenVerifier({ secret, cacheMaxEntries: 0, now: clock.now });
    const token = await sign('u1', T, T + 60);
    const outcome = (v: typeof cached) =>
      viewerFromAuthorization(v, `Bearer ${token}`).then(
        (viewer) => viewer?.userId,
        (error: Error) => error.message,
      );

    expect(await outcome(cached)).toBe('u1');
    clock.ms = (T + 59) * 1000;
    expect(await outcome(cached)).toBe('u1');
    expect(joseCalls()).toBe(1); // still the first verification

    // From exp on, the cache no longer answers: jose decides, clock tolerance (5 s) included.
    const outcomes: (string | undefined)[] = [];
    for (const seconds of [60, 62, 64, 65, 90]) {
      clock.ms = (T + seconds) * 1000;
      const answer = await outcome(cached);
      expect(answer).toBe(await outcome(uncached));
      outcomes.push(answer);
    }
    const refused = 'Invalid or expired token';
    expect(outcomes).toEqual(['u1', 'u1', 'u1', refused, refused]);
    expect(joseCalls()).toBe(1 + 2 * 5); // every call from exp on went to jose
  });

  it('keeps at most cacheMaxEntries tokens', async () => {
    const cached = createTokenVerifier({ secret, cacheMaxEntries: 2, now: clockAt(T).now });
    const tokens = await Promise.all(['u1', 'u2', 'u3'].map((sub) => sign(sub, T, T + 3600)));
    for (const token of tokens) await cached.verify(token);
    expect(joseCalls()).toBe(3);
    await cached.verify(tokens[2] ?? '');
    await cached.verify(tokens[1] ?? '');
    expect(joseCalls()).toBe(3);
    await cached.verify(tokens[0] ?? ''); // the least recently used was dropped
    expect(joseCalls()).toBe(4);
  });

  it('verifies every call with cacheMaxEntries 0', async () => {
    const uncached = createTokenVerifier({ secret, cacheMaxEntries: 0, now: clockAt(T).now });
    const token = await sign('u1', T, T + 3600);
    for (let i = 0; i < 3; i++) await uncached.verify(token);
    expect(joseCalls()).toBe(3);
  });
});
