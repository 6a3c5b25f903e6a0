import { parseInput } from '@travel/service-kit';
import { describe, expect, it } from 'vitest';
import { CreateApiKeySchema, normalizeEmail, SignUpInputSchema } from './validation.ts';

const valid = { email: 'ada@example.com', password: 'long enough pw', name: 'Ada' };

function refusal(value: unknown): { message: string; extensions: unknown } {
  try {
    parseInput(SignUpInputSchema, value, 'input');
  } catch (error) {
    return error as { message: string; extensions: unknown };
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
    expect(refusal({ ...valid, role: 'ADMIN' })).toMatchObject({
      message: 'input.role must be TRAVELER or PARTNER',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.role' },
    });
  });

  it.each([
    ['input.email', { email: 'not-an-email' }, 'must be a valid email address'],
    ['input.email', { email: '   ' }, 'must be a valid email address'],
    ['input.password', { password: '123456789' }, 'must have at least 10 characters'], // 9
    ['input.password', { password: 'x'.repeat(201) }, 'must have at most 200 characters'],
    ['input.name', { name: '   ' }, 'must not be empty'],
    ['input.name', { name: 'n'.repeat(101) }, 'must have at most 100 characters'],
  ])('refuses a bad %s', (field, override, predicate) => {
    expect(refusal({ ...valid, ...override })).toEqual(
      expect.objectContaining({
        message: `${field} ${predicate}`,
        extensions: { code: 'BAD_USER_INPUT', field },
      }),
    );
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
    // createApiKey's `name` is a loose argument: its path is its own name.
    expect(() => parseInput(CreateApiKeySchema, { name: '' })).toThrow(
      expect.objectContaining({
        message: 'name must not be empty',
        extensions: { code: 'BAD_USER_INPUT', field: 'name' },
      }),
    );
  });
});

describe('helpers', () => {
  it('normalizes emails', () => {
    expect(normalizeEmail(' A@B.Co ')).toBe('a@b.co');
  });
});
