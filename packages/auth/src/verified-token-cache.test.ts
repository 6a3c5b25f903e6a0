import { describe, expect, it } from 'vitest';
import { createVerifiedTokenCache, type VerifiedToken } from './verified-token-cache.ts';

const T = 1_900_000_000; // seconds
/** `userId`'s token, verified, expiring at `exp` (seconds). */
const verified = (userId: string, exp: number): VerifiedToken => ({
  viewer: { userId, role: 'TRAVELER' },
  expiresAt: exp * 1000,
});

function clockAt(seconds: number) {
  const clock = { ms: seconds * 1000, now: () => clock.ms };
  return clock;
}

describe('createVerifiedTokenCache', () => {
  it('answers a stored token as it was verified, and nothing for another token', () => {
    const cache = createVerifiedTokenCache({ now: clockAt(T).now });
    const alice = verified('alice', T + 60);
    cache.set('token-a', alice);
    expect(cache.get('token-a')).toBe(alice);
    expect(cache.get('token-b')).toBeUndefined();
  });

  it('forgets a token at its exp, never later', () => {
    const clock = clockAt(T);
    const cache = createVerifiedTokenCache({ now: clock.now });
    cache.set('token-a', verified('alice', T + 60));
    clock.ms = (T + 60) * 1000 - 1;
    expect(cache.get('token-a')).toEqual(verified('alice', T + 60));
    clock.ms = (T + 60) * 1000;
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.size).toBe(0);
    clock.ms = (T + 59) * 1000; // a clock stepping back does not bring it back
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('does not store a token already past its exp', () => {
    const cache = createVerifiedTokenCache({ now: clockAt(T + 61).now });
    cache.set('token-a', verified('alice', T + 60));
    expect(cache.size).toBe(0);
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = createVerifiedTokenCache({ maxEntries: 3, now: clockAt(T).now });
    for (const name of ['a', 'b', 'c']) cache.set(name, verified(name, T + 60));
    expect(cache.get('a')).toBeDefined(); // a is now the most recently used; b the least
    cache.set('d', verified('d', T + 60));
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((name) => cache.get(name)?.viewer.userId)).toEqual(['a', 'c', 'd']);
  });

  it('stays at its bound however many tokens pass through', () => {
    const cache = createVerifiedTokenCache({ maxEntries: 100, now: clockAt(T).now });
    for (let i = 0; i < 1_000; i++) cache.set(`token-${i}`, verified(`u${i}`, T + 60));
    expect(cache.size).toBe(100);
    expect(cache.get('token-899')).toBeUndefined();
    expect(cache.get('token-900')?.viewer.userId).toBe('u900');
  });

  it('re-storing a token replaces its entry rather than adding one', () => {
    const cache = createVerifiedTokenCache({ now: clockAt(T).now });
    cache.set('token-a', verified('alice', T + 60));
    cache.set('token-a', verified('alice', T + 120));
    expect(cache.size).toBe(1);
  });

  it('stores nothing with maxEntries 0', () => {
    const cache = createVerifiedTokenCache({ maxEntries: 0, now: clockAt(T).now });
    cache.set('token-a', verified('alice', T + 60));
    expect(cache.size).toBe(0);
    expect(cache.get('token-a')).toBeUndefined();
  });
});
