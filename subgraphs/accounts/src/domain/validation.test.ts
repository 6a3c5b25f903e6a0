import { describe, expect, it } from 'vitest';
import { CreateApiKeySchema, normalizeEmail, parseInput, SignUpInputSchema } from './validation.ts';

const valid = { email: 'ada@example.com', password: 'long enough pw', name: 'Ada' };

function badField(value: unknown): unknown {
  try {
    parseInput(SignUpInputSchema, value);
  } catch (error) {
    return (error as { extensions: unknown }).extensions;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('sign-up validation', () => {
  it('normalizes email and name, defaults role to TRAVELER', () => {
    expect(
      parseInput(SignUpInputSchema, { ...valid, email: '  Ada@Example.COM ', name: '  Ada L ' }),
    ).toEqual({
      email: 'ada@example.com',
      password: 'long enough pw',
      name: 'Ada L',
      role: 'TRAVELER',
    });
    expect(parseInput(SignUpInputSchema, { ...valid, role: null }).role).toBe('TRAVELER');
  });

  it('accepts PARTNER and refuses ADMIN', () => {
    expect(parseInput(SignUpInputSchema, { ...valid, role: 'PARTNER' }).role).toBe('PARTNER');
    expect(badField({ ...valid, role: 'ADMIN' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'role',
    });
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['email', { email: '   ' }],
    ['password', { password: '123456789' }], // 9 characters
    ['password', { password: 'x'.repeat(201) }],
    ['name', { name: '   ' }],
    ['name', { name: 'n'.repeat(101) }],
  ])('refuses a bad %s', (field, override) => {
    expect(badField({ ...valid, ...override })).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('accepts the boundaries', () => {
    expect(() =>
      parseInput(SignUpInputSchema, { ...valid, password: 'x'.repeat(10), name: 'n'.repeat(100) }),
    ).not.toThrow();
    expect(() =>
      parseInput(SignUpInputSchema, { ...valid, password: 'x'.repeat(200) }),
    ).not.toThrow();
  });

  it('checks API key names like user names', () => {
    expect(parseInput(CreateApiKeySchema, { name: ' ci ' })).toEqual({ name: 'ci' });
    expect(() => parseInput(CreateApiKeySchema, { name: '' })).toThrow('name must not be empty');
  });
});

describe('helpers', () => {
  it('normalizes emails', () => {
    expect(normalizeEmail(' A@B.Co ')).toBe('a@b.co');
  });
});
