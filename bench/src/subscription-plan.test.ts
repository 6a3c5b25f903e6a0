import { describe, expect, it } from 'vitest';
import { planSubscriptionBench } from './subscription-plan.ts';

describe('planSubscriptionBench', () => {
  const plan = planSubscriptionBench(1000, 200);

  it('holds the target scale: 10,000 subscriptions over 2,000 sockets, 5 a socket', () => {
    expect(plan.subscriptions).toHaveLength(10_000);
    expect(plan.sockets).toBe(2000);
    expect(plan.owners).toBe(100);
    const perSocket = new Map<number, number>();
    for (const s of plan.subscriptions) perSocket.set(s.socket, (perSocket.get(s.socket) ?? 0) + 1);
    expect(new Set(perSocket.values())).toEqual(new Set([5]));
  });

  it('makes every kind of change, each booking confirmed or cancelled once', () => {
    const kinds = plan.changes.map((c) => (c.kind === 'cancel' ? `cancel by ${c.by}` : c.kind));
    expect(plan.changes).toHaveLength(200);
    expect(kinds.filter((k) => k === 'create')).toHaveLength(50);
    expect(kinds.filter((k) => k === 'confirm')).toHaveLength(100);
    expect(kinds.filter((k) => k === 'cancel by owner')).toHaveLength(25);
    expect(kinds.filter((k) => k === 'cancel by guest')).toHaveLength(25);
    const confirmed = plan.changes.filter((c) => c.kind === 'confirm').map((c) => c.guest);
    expect(new Set(confirmed).size).toBe(confirmed.length);
    // Only guests book; owners never appear as a change's guest.
    expect(plan.changes.every((c) => c.guest >= plan.owners)).toBe(true);
  });

  it("cancels a guest's confirmed booking only after its confirmation, seconds apart", () => {
    plan.changes.forEach((change, k) => {
      if (change.kind !== 'cancel' || change.by !== 'guest') return;
      const confirmedAt = plan.changes.findIndex(
        (c) => c.kind === 'confirm' && c.guest === change.guest,
      );
      expect(confirmedAt).toBeGreaterThanOrEqual(0);
      expect(k - confirmedAt).toBeGreaterThan(40);
    });
  });

  it('refuses more changes than guests can take', () => {
    expect(() => planSubscriptionBench(10, 200)).toThrow(/raise --users/);
  });
});
