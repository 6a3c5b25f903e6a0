import { describe, expect, it } from 'vitest';
import { isBadInputOnly } from './bad-input-status.ts';

const badInput = { message: 'first must not be negative', extensions: { code: 'BAD_USER_INPUT' } };

describe('isBadInputOnly', () => {
  it('is true when nothing came back and every error is BAD_USER_INPUT', () => {
    expect(isBadInputOnly({ data: null, errors: [badInput, badInput] })).toBe(true);
  });

  it.each([
    ['partial data', { data: { users: null }, errors: [badInput] }],
    [
      'another code among them',
      { data: null, errors: [badInput, { message: 'x', extensions: { code: 'FORBIDDEN' } }] },
    ],
    ['an error without a code', { data: null, errors: [{ message: 'x' }] }],
    ['no errors', { data: null, errors: [] }],
    ['data without errors', { data: { a: 1 } }],
  ])('is false with %s', (_case, result) => {
    expect(isBadInputOnly(result)).toBe(false);
  });
});
