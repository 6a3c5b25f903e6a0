import { describe, expect, it } from 'vitest';
import { guestIdFromAnswer } from './entities-answer.ts';

describe('guestIdFromAnswer', () => {
  it("reads the booking's guest", () => {
    expect(guestIdFromAnswer({ data: { _entities: [{ guest: { id: 'g1' } }] } })).toBe('g1');
  });

  it('is null for a booking bookings hides from the caller or does not know', () => {
    expect(guestIdFromAnswer({ data: { _entities: [null] } })).toBeNull();
    const refused = { extensions: { code: 'FORBIDDEN' } };
    expect(guestIdFromAnswer({ data: { _entities: [null] }, errors: [refused] })).toBeNull();
  });

  it.each([
    ['no body', null],
    ['no data', { errors: [{ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }],
    ['a failed entity', { data: { _entities: [null] }, errors: [{ message: 'boom' }] }],
    ['a wrong count', { data: { _entities: [] } }],
    ['no guest', { data: { _entities: [{}] } }],
  ])('is undefined (unusable) for %s', (_label, answer) => {
    expect(guestIdFromAnswer(answer)).toBeUndefined();
  });
});
