// What the subscription bench concludes from the changes made and the deliveries received:
// every subscriber's expected deliveries follow from who is in each change's audience.
import type { SubscriptionField } from './subscription-plan.ts';

/** A change as it happened: the booking it changed, its parties and its new status. */
export interface ResolvedChange {
  bookingId: string;
  /** The guest's user index (audience `User:<guest>`). */
  guest: number;
  /** The hotel's owner's user index (audience `Hotel:<hotel>`). */
  hotel: number;
  status: string;
  /** When the mutation was sent and answered (ms, the epoch's clock, as every process reads it). */
  sentAt: number;
  answeredAt: number;
}

/** A subscription as the audience sees it. */
export interface SubscriptionTarget {
  id: number;
  user: number;
  field: SubscriptionField;
  /** bookingUpdated: the booking it follows. */
  bookingId?: string;
}

/** One result a client received: subscription, booking id, status, receipt time (ms). */
export type Delivery = [subscription: number, bookingId: string, status: string, at: number];

export interface DeliveryReport {
  expected: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Deliveries of a change the subscriber was not in the audience of. */
  unexpected: number;
  /** Deliveries of a booking's change after a later change of the same booking. */
  outOfOrder: number;
  /** Latency percentiles in ms from the mutation's answer (negative: delivered before it). */
  fromAnswer: { p50: number; p99: number; max: number };
  /** … and from the mutation being sent (what a user who clicked waits). */
  fromSent: { p50: number; p99: number; max: number };
}

/** Per subscription, the changes (indexes) it must receive: those whose audience it follows. */
export function expectedDeliveries(
  changes: readonly ResolvedChange[],
  subscriptions: readonly SubscriptionTarget[],
): Map<number, Set<number>> {
  const audienceOf = (change: ResolvedChange, sub: SubscriptionTarget) =>
    (sub.field === 'myBookingUpdates' && sub.user === change.guest) ||
    (sub.field === 'bookingUpdated' && sub.bookingId === change.bookingId) ||
    (sub.field === 'hotelBookingUpdates' && sub.user === change.hotel);
  const expected = new Map<number, Set<number>>();
  // A change reaches the guest's, the hotel owner's and the booking's followers only.
  const byUser = groupBy(subscriptions, (s) => s.user);
  const byBooking = groupBy(subscriptions, (s) => s.bookingId);
  changes.forEach((change, k) => {
    const candidates = [
      ...(byUser.get(change.guest) ?? []),
      ...(byUser.get(change.hotel) ?? []),
      ...(byBooking.get(change.bookingId) ?? []),
    ];
    for (const sub of new Set(candidates)) {
      if (!audienceOf(change, sub)) continue;
      const set = expected.get(sub.id) ?? new Set<number>();
      set.add(k);
      expected.set(sub.id, set);
    }
  });
  return expected;
}

/** Compares what each subscriber received with what its audience says it must receive. */
export function compareDeliveries(
  changes: readonly ResolvedChange[],
  subscriptions: readonly SubscriptionTarget[],
  deliveries: readonly Delivery[],
): DeliveryReport {
  const expected = expectedDeliveries(changes, subscriptions);
  const changeIndex = new Map(changes.map((c, k) => [`${c.bookingId}|${c.status}`, k]));
  let delivered = 0;
  let duplicated = 0;
  let unexpected = 0;
  let outOfOrder = 0;
  const fromAnswer: number[] = [];
  const fromSent: number[] = [];
  const seen = new Map<number, Set<number>>();
  const lastOf = new Map<string, number>();
  for (const [sub, bookingId, status, at] of deliveries) {
    const k = changeIndex.get(`${bookingId}|${status}`);
    const change = k === undefined ? undefined : changes[k];
    if (k === undefined || !change || !expected.get(sub)?.has(k)) {
      unexpected++;
      continue;
    }
    const got = seen.get(sub) ?? new Set<number>();
    seen.set(sub, got);
    if (got.has(k)) {
      duplicated++;
      continue;
    }
    got.add(k);
    delivered++;
    const last = lastOf.get(`${sub}|${bookingId}`);
    if (last !== undefined && last > k) outOfOrder++;
    else lastOf.set(`${sub}|${bookingId}`, k);
    fromAnswer.push(at - change.answeredAt);
    fromSent.push(at - change.sentAt);
  }
  const total = [...expected.values()].reduce((n, set) => n + set.size, 0);
  return {
    expected: total,
    delivered,
    lost: total - delivered,
    duplicated,
    unexpected,
    outOfOrder,
    fromAnswer: spread(fromAnswer),
    fromSent: spread(fromSent),
  };
}

/** The q-quantile of sorted values (nearest rank below), rounded to 0.1 ms; NaN for none. */
export function percentile(sorted: readonly number[], q: number): number {
  const value = sorted[Math.floor((sorted.length - 1) * q)];
  return value === undefined ? Number.NaN : Math.round(value * 10) / 10;
}

function spread(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: percentile(sorted, 1),
  };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K | undefined): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = map.get(k) ?? [];
    list.push(item);
    map.set(k, list);
  }
  return map;
}

/** The Show line's targets, one line each: the figure, the target, met or not. */
export function targetLines(
  report: DeliveryReport,
  scale: { subscriptions: number; sockets: number; users: number },
  rssPerSocketKiB: number,
): string[] {
  const line = (name: string, figure: string, target: string, met: boolean) =>
    `${met ? 'met    ' : 'NOT MET'}  ${name}: ${figure} (target ${target})`;
  return [
    line(
      'scale',
      `${scale.subscriptions} subscriptions, ${scale.sockets} sockets, ${scale.users} users`,
      '10,000 / ≥ 2,000 / 1,000',
      scale.subscriptions >= 10_000 && scale.sockets >= 2000 && scale.users >= 1000,
    ),
    line(
      'lost deliveries',
      `${report.lost} of ${report.expected}`,
      '0',
      report.lost === 0 && report.expected > 0,
    ),
    line(
      'duplicated / out of order / unexpected',
      `${report.duplicated} / ${report.outOfOrder} / ${report.unexpected}`,
      '0',
      report.duplicated + report.outOfOrder + report.unexpected === 0,
    ),
    line(
      'event → client p99 (from the mutation answer)',
      `${report.fromAnswer.p99} ms`,
      '< 250 ms',
      report.fromAnswer.p99 < 250,
    ),
    line(
      'router RSS per idle socket',
      `${rssPerSocketKiB.toFixed(1)} KiB`,
      '≤ 10 KiB',
      rssPerSocketKiB <= 10,
    ),
  ];
}
