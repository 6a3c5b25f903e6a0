import type { Logger } from '@travel/logger';
import { announceChange, type EntityChangePublisher } from '@travel/service-kit';
import type { Db } from '../db.ts';
import { bookingChange, type ChangedBooking } from '../domain/booking-change.ts';
import { type BookingMetrics, createBookingMetrics } from '../metrics/booking-metrics.ts';
import { sweepExpiredHolds } from './sweep-expired-holds.ts';

export interface HoldSweeperOptions {
  db: Db;
  /** Where each cancellation is announced: the subgraph's entity-change publisher. */
  publisher: EntityChangePublisher;
  /** Pause between two sweeps; default 30 000 ms. */
  intervalMs?: number;
  log: Pick<Logger, 'error' | 'info'>;
  /**
   * Counts expired holds as `bookings_cancelled_total{cause="hold_expired"}`: pass the server's,
   * so they show at its `/metrics`. Default a fresh `createBookingMetrics()` (seen nowhere).
   */
  metrics?: Pick<BookingMetrics, 'cancelled'>;
}

export interface HoldSweeper {
  /** Sweeps now, then every `intervalMs`, until stopped. */
  start(): void;
  /** Stops sweeping; resolves once a sweep under way has finished. */
  stop(): Promise<void>;
  /** One sweep, publishing each cancellation; `now` defaults to the clock. */
  sweepOnce(now?: Date): Promise<ChangedBooking[]>;
}

/** Cancels expired holds periodically. Safe to run on every instance at once. */
export function createHoldSweeper({
  db,
  publisher,
  intervalMs = 30_000,
  log,
  metrics = createBookingMetrics(),
}: HoldSweeperOptions): HoldSweeper {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  async function sweepOnce(now = new Date()) {
    const swept = await sweepExpiredHolds(db, now);
    if (swept.length > 0) metrics.cancelled('hold_expired', swept.length);
    // No request carried these changes: the event alone invalidates the routers' caches.
    for (const booking of swept) await announceChange(publisher, undefined, bookingChange(booking));
    if (swept.length > 0) log.info({ count: swept.length }, 'expired holds cancelled');
    return swept;
  }

  function schedule(delay: number) {
    timer = setTimeout(() => {
      running = sweepOnce()
        .catch((error) => log.error({ err: error }, 'hold sweep failed'))
        .finally(() => {
          if (!stopped) schedule(intervalMs);
        });
    }, delay);
    // The sweeper alone must not keep a process alive.
    timer.unref();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    sweepOnce,
  };
}
