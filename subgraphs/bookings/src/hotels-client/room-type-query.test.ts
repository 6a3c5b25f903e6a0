import { describe, expect, it } from 'vitest';
import { roomTypeFromAnswer } from './room-type-query.ts';

const entity = {
  totalRooms: 4,
  maxGuests: 2,
  nightlyRate: { amount: 9900, currency: 'EUR' },
  hotel: { id: 'h1', owner: { id: 'u1' } },
};

describe('roomTypeFromAnswer', () => {
  it('reads the facts of a known room type', () => {
    expect(roomTypeFromAnswer('r1', { data: { _entities: [entity] } })).toEqual({
      id: 'r1',
      totalRooms: 4,
      maxGuests: 2,
      nightlyRate: { amount: 9900, currency: 'EUR' },
      hotelId: 'h1',
      hotelOwnerId: 'u1',
    });
  });

  it('answers null for a room type hotels does not know', () => {
    expect(roomTypeFromAnswer('r1', { data: { _entities: [null] } })).toBeNull();
  });

  it('treats errors and odd shapes as hotels failing, not as a missing room type', () => {
    expect(() =>
      roomTypeFromAnswer('r1', { data: { _entities: [null] }, errors: [{ message: 'boom' }] }),
    ).toThrow(/boom/);
    expect(() => roomTypeFromAnswer('r1', { data: null })).toThrow();
    expect(() =>
      roomTypeFromAnswer('r1', { data: { _entities: [{ totalRooms: 'x' }] } }),
    ).toThrow();
  });
});
