import { randomUUID } from 'node:crypto';
import type { Role } from '@travel/auth';
import { type SubgraphForTest, startSubgraphForTest, tokenFor } from '@travel/testing';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { loadConfig } from '../src/config.ts';
import { createDb, type Db } from '../src/db.ts';
import { addDays, isoDate, utcDay } from '../src/domain/booking-rules.ts';
import { createServer } from '../src/server.ts';

export type BookingsHarness = SubgraphForTest<Db> & { pubsub: PubSubEngine };

/** The bookings server on a free port, on a fresh database, asking hotels at `hotelsUrl`. */
export async function startBookings(
  hotelsUrl: string,
  env: Record<string, string> = {},
): Promise<BookingsHarness> {
  const pubsub = new PubSub();
  const server = await startSubgraphForTest(
    { name: 'bookings', loadConfig, createDb, createServer },
    { env: { HOTELS_URL: hotelsUrl, ...env }, deps: { pubsub } },
  );
  return { ...server, pubsub };
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
