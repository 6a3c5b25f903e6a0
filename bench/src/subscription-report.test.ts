import { describe, expect, it } from 'vitest';
import {
  compareDeliveries,
  type ResolvedChange,
  type SubscriptionTarget,
} from './subscription-report.ts';

// User 0 owns hotel 0; user 1 is a guest with booking b1.
const subs: SubscriptionTarget[] = [
  { id: 0, user: 1, field: 'myBookingUpdates' },
  { id: 1, user: 1, field: 'bookingUpdated', bookingId: 'b1' },
  { id: 2, user: 0, field: 'hotelBookingUpdates' },
  { id: 3, user: 0, field: 'myBookingUpdates' },
  { id: 4, user: 2, field: 'bookingUpdated', bookingId: 'b9' },
];
const change = (bookingId: string, status: string, answeredAt: number): ResolvedChange => ({
  bookingId,
  guest: 1,
  hotel: 0,
  status,
  sentAt: answeredAt - 10,
  answeredAt,
});
const changes = [change('b1', 'CONFIRMED', 1000), change('b1', 'CANCELLED', 2000)];

describe('compareDeliveries', () => {
  it("expects each change at its guest's, booking's and hotel's followers only", () => {
    const report = compareDeliveries(changes, subs, []);
    expect(report.expected).toBe(6);
    expect(report.lost).toBe(6);
  });

  it('counts delivered, lost, duplicated, unexpected and out of order apart', () => {
    const report = compareDeliveries(changes, subs, [
      [0, 'b1', 'CONFIRMED', 1020],
      [0, 'b1', 'CANCELLED', 2030],
      [1, 'b1', 'CANCELLED', 2010],
      [1, 'b1', 'CONFIRMED', 2040],
      [2, 'b1', 'CONFIRMED', 1100],
      [2, 'b1', 'CONFIRMED', 1200],
      [3, 'b1', 'CONFIRMED', 1010],
    ]);
    expect(report).toMatchObject({
      expected: 6,
      delivered: 5,
      lost: 1,
      duplicated: 1,
      unexpected: 1,
      outOfOrder: 1,
    });
    expect(report.fromAnswer.max).toBe(1040);
    expect(report.fromSent.p50).toBeGreaterThan(report.fromAnswer.p50);
  });
});
