import { describe, expect, it } from 'vitest';
import { createBoundedSet, sanitizeLabel } from './bounded-labels.ts';

describe('sanitizeLabel', () => {
  it('keeps [\\w.-], replaces the rest, cuts at 64 characters, falls back when empty', () => {
    expect(sanitizeLabel('web-app_1.2')).toBe('web-app_1.2');
    expect(sanitizeLabel('bad name{"x"}')).toBe('bad_name__x__');
    expect(sanitizeLabel('x'.repeat(100))).toHaveLength(64);
    expect(sanitizeLabel(['first', 'second'])).toBe('first');
    expect(sanitizeLabel('  ')).toBe('unknown');
    expect(sanitizeLabel(undefined, 'anonymous')).toBe('anonymous');
  });
});

describe('createBoundedSet', () => {
  it('admits the first `max` distinct keys, and those again, and nothing else', () => {
    const set = createBoundedSet(2);
    expect(['a', 'b', 'c', 'a', 'b', 'd'].map((key) => set.admit(key))).toEqual([
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
  });
});
