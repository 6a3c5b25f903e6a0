import { randomUUID } from 'node:crypto';
import type { Role } from '@travel/auth';
import { ENTITY_CHANGES_CHANNEL, type EntityChange } from '@travel/service-kit';
import { type SubgraphForTest, startSubgraphForTest, tokenFor } from '@travel/testing';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { type ConfigOverrides, configFrom } from '../src/config.ts';
import type { Db } from '../src/db.ts';
import { addDays, isoDate, utcDay } from '../src/domain/booking-rules.ts';
import { createBookingsService } from '../src/service.ts';

export type BookingsHarness = SubgraphForTest<Db> & {
  pubsub: PubSubEngine;
  /** Every entity change published since the start, in order. */
  changes: EntityChange[];
};

/**
 * The bookings service on a free port, on a fresh database, asking hotels at `hotelsUrl`,
 * publishing to a PubSub the test can listen to (and `changes` records).
 */
export async function startBookings(
  hotelsUrl: string,
  settings: Partial<ConfigOverrides> = {},
): Promise<BookingsHarness> {
  const pubsub = new PubSub();
  const server = await startSubgraphForTest('bookings', (deps) =>
    createBookingsService({
      ...deps,
      pubsub,
      config: configFrom({
        ...deps.config,
        HOTELS_URL: hotelsUrl,
        // Tests sweep by hand (sweepOnce): no sweep of the service's own in the middle of one.
        HOLD_SWEEP_INTERVAL_MS: 24 * 60 * 60_000,
        ...settings,
      }),
    }),
  );
  const changes: EntityChange[] = [];
  await pubsub.subscribe(ENTITY_CHANGES_CHANNEL, (change: EntityChange) => changes.push(change));
  return { ...server, pubsub, changes };
}

/** A signed-in user: their id and token. */
export async function user(role: Role = 'TRAVELER') {
  const id = randomUUID();
  return { id, token: await tokenFor(role, id) };
}

/** `YYYY-MM-DD` of today (UTC) plus `days`. */
export function day(days: number): string {
  return isoDate(addDays(utcDay(new Date()), days));
}
