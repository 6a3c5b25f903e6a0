import { describe, expect, it } from 'vitest';
import { canManageHotel } from './access.ts';

const hotel = { ownerId: 'owner' };

describe('canManageHotel', () => {
  it('lets the owner and any ADMIN manage the hotel', () => {
    expect(canManageHotel({ userId: 'owner', role: 'PARTNER' }, hotel)).toBe(true);
    expect(canManageHotel({ userId: 'someone', role: 'ADMIN' }, hotel)).toBe(true);
  });

  it('refuses other partners and anonymous callers', () => {
    expect(canManageHotel({ userId: 'other', role: 'PARTNER' }, hotel)).toBe(false);
    expect(canManageHotel(null, hotel)).toBe(false);
  });
});
