import { describe, expect, it } from 'vitest';
import { cacheHintOf } from './cache-hint.ts';

describe('cacheHintOf', () => {
  it.each([
    [undefined, { maxAge: 0 }],
    ['no-store', { maxAge: 0 }],
    ['max-age=60, public', { maxAge: 60, scope: 'PUBLIC' }],
    ['max-age=30, private', { maxAge: 30, scope: 'PRIVATE' }],
    ['Max-Age = "45"', { maxAge: 45 }],
    ['max-age=-1', { maxAge: 0 }],
    ['max-age=abc, public', { maxAge: 0, scope: 'PUBLIC' }],
    ['private, public, max-age=5', { maxAge: 5, scope: 'PUBLIC' }],
  ])('%s → %o', (header, hint) => {
    expect(cacheHintOf(header)).toEqual(hint);
  });

  it('parses each header once and hands out a frozen hint', () => {
    const hint = cacheHintOf('max-age=61, public');
    expect(cacheHintOf('max-age=61, public')).toBe(hint);
    expect(Object.isFrozen(hint)).toBe(true);
  });

  it('stays right past its bound of remembered headers', () => {
    for (let age = 0; age < 600; age++) {
      expect(cacheHintOf(`max-age=${age}, private`)).toEqual({ maxAge: age, scope: 'PRIVATE' });
    }
    expect(cacheHintOf('max-age=7')).toEqual({ maxAge: 7 });
  });
});
