import { describe, expect, it } from 'vitest';
import { createVerifiedTokenCache } from './verified-token-cache.ts';
import type { Viewer } from './viewer.ts';

const T = 1_900_000_000; // seconds
const viewer = (userId: string): Viewer => ({ userId, role: 'TRAVELER' });

function clockAt(seconds: number) {
  const clock = { ms: seconds * 1000, now: () => clock.ms };
  return clock;
}

describe('createVerifiedTokenCache', () => {
  it('answers a stored token with its viewer, and nothing for another token', () => {
    const cache = createVerifiedTokenCache({ now: clockAt(T).now });
    const alice = viewer('alice');
    cache.set('token-a', alice, T + 60);
    expect(cache.get('token-a')).toBe(alice);
    expect(cache.get('token-b')).toBeUndefined();
  });

  it('forgets a token at its exp, never later', () => {
    const clock = clockAt(T);
    const cache = createVerifiedTokenCache({ now: clock.now });
    cache.set('token-a', viewer('alice'), T + 60);
    clock.ms = (T + 60) * 1000 - 1;
    expect(cache.get('token-a')).toEqual(viewer('alice'));
    clock.ms = (T + 60) * 1000;
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.size).toBe(0);
    clock.ms = (T + 59) * 1000; // a clock stepping back does not bring it back
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('does not store a token already past its exp', () => {
    const cache = createVerifiedTokenCache({ now: clockAt(T + 61).now });
    cache.set('token-a', viewer('alice'), T + 60);
    expect(cache.size).toBe(0);
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = createVerifiedTokenCache({ maxEntries: 3, now: clockAt(T).now });
    for (const name of ['a', 'b', 'c']) cache.set(name, viewer(name), T + 60);
    expect(cache.get('a')).toBeDefined(); // a is now the most recently used; b the least
    cache.set('d', viewer('d'), T + 60);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((name) => cache.get(name)?.userId)).toEqual(['a', 'c', 'd']);
  });

  it('stays at its bound however many tokens pass through', () => {
    const cache = createVerifiedTokenCache({ maxEntries: 100, now: clockAt(T).now });
    for (let i = 0; i < 1_000; i++) cache.set(`token-${i}`, viewer(`u${i}`), T + 60);
    expect(cache.size).toBe(100);
    expect(cache.get('token-899')).toBeUndefined();
    expect(cache.get('token-900')?.userId).toBe('u900');
  });

  it('re-storing a token replaces its entry rather than adding one', () => {
    const cache = createVerifiedTokenCache({ now: clockAt(T).now });
    cache.set('token-a', viewer('alice'), T + 60);
    cache.set('token-a', viewer('alice'), T + 120);
    expect(cache.size).toBe(1);
  });

  it('stores nothing with maxEntries 0', () => {
    const cache = createVerifiedTokenCache({ maxEntries: 0, now: clockAt(T).now });
    cache.set('token-a', viewer('alice'), T + 60);
    expect(cache.size).toBe(0);
    expect(cache.get('token-a')).toBeUndefined();
  });
});
