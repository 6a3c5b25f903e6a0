import type { Viewer } from '@travel/auth';
import { describe, expect, it } from 'vitest';
import { assertTripOwner, canListTripsOf, canViewTrip } from './access.ts';

const owner: Viewer = { userId: 'u-owner', role: 'TRAVELER' };
const other: Viewer = { userId: 'u-other', role: 'PARTNER' };
const admin: Viewer = { userId: 'u-admin', role: 'ADMIN' };
const trip = { id: 't1', ownerId: 'u-owner' };

describe('trip access', () => {
  it('shows a trip to its owner and an ADMIN only', () => {
    expect(canViewTrip(owner, trip)).toBe(true);
    expect(canViewTrip(admin, trip)).toBe(true);
    expect(canViewTrip(other, trip)).toBe(false);
    expect(canViewTrip(null, trip)).toBe(false);
  });

  it("lists a user's trips to that user and an ADMIN only", () => {
    expect(canListTripsOf(owner, 'u-owner')).toBe(true);
    expect(canListTripsOf(admin, 'u-owner')).toBe(true);
    expect(canListTripsOf(other, 'u-owner')).toBe(false);
    expect(canListTripsOf(null, 'u-owner')).toBe(false);
  });

  it('lets the owner change the trip', () => {
    expect(assertTripOwner(owner, trip, 'Trip', 't1')).toBe(trip);
  });

  it("answers NOT_FOUND for someone else's trip, as for an unknown one", () => {
    expect(() => assertTripOwner(other, trip, 'Trip', 't1')).toThrow(
      expect.objectContaining({ extensions: { code: 'NOT_FOUND' }, message: 'Trip t1 not found' }),
    );
    expect(() => assertTripOwner(other, null, 'Trip', 't1')).toThrow(
      expect.objectContaining({ extensions: { code: 'NOT_FOUND' }, message: 'Trip t1 not found' }),
    );
  });

  it('answers FORBIDDEN to an ADMIN, who may see but not change the trip', () => {
    expect(() => assertTripOwner(admin, trip, 'Trip', 't1')).toThrow(
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }),
    );
  });
});
