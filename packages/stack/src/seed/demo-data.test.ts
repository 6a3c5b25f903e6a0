import { describe, expect, it } from 'vitest';
import { buildDemoData, DEMO_ACCOUNTS } from './demo-data.ts';

describe('demo data', () => {
  const data = buildDemoData();

  it('has the promised volume', () => {
    expect(data.users).toHaveLength(50);
    expect(data.hotels).toHaveLength(200);
    expect(data.roomTypes).toHaveLength(600);
    expect(data.reviews).toHaveLength(1000);
    expect(new Set(data.hotels.map((h) => h.city)).size).toBeGreaterThanOrEqual(12);
    expect(data.hotels.some((h) => h.city === 'Lisbon')).toBe(true);
  });

  it('has the demo accounts of the README', () => {
    const byEmail = new Map(data.users.map((u) => [u.email, u.role]));
    expect(byEmail.get(DEMO_ACCOUNTS.admin)).toBe('ADMIN');
    expect(byEmail.get(DEMO_ACCOUNTS.partner)).toBe('PARTNER');
    expect(byEmail.get(DEMO_ACCOUNTS.traveler)).toBe('TRAVELER');
  });

  it('is the same on every run and refers only to rows it has', () => {
    expect(buildDemoData()).toEqual(data);
    const userIds = new Set(data.users.map((u) => u.id));
    const hotelIds = new Set(data.hotels.map((h) => h.id));
    expect(data.hotels.every((h) => userIds.has(h.ownerId))).toBe(true);
    expect(data.reviews.every((r) => userIds.has(r.authorId) && hotelIds.has(r.hotelId))).toBe(
      true,
    );
    expect(new Set(data.users.map((u) => u.email)).size).toBe(50);
  });
});
