import {
  type BaseContext,
  type EntityChangePublisher,
  type EntityChanges,
  entityChangesFor,
} from '@travel/service-kit';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { Database, Db } from './db.ts';
import type { HotelsClient } from './hotels-client/hotels-client.ts';
import { createLoaders, type Loaders } from './loaders/index.ts';
import type { BookingMetrics } from './metrics/booking-metrics.ts';

/** What resolvers need besides the request: shared by every request of one server. */
export interface ContextDeps {
  db: Database;
  hotels: HotelsClient;
  /** Announces entity changes: `ctx.changed` publishes through it. */
  publisher: EntityChangePublisher;
  /** Where a direct subscriber's Subscription fields listen (where changes are published). */
  pubsub: PubSubEngine;
  /** How long a new PENDING booking holds its rooms. */
  holdMinutes: number;
  /** Bookings by outcome, for `/metrics`. */
  metrics: BookingMetrics;
}

export type Context = BaseContext &
  Omit<ContextDeps, 'db'> &
  EntityChanges & { db: Db; loaders: Loaders };

/**
 * Per request: fresh DataLoaders, so nothing cached outlives the request that loaded it,
 * `ctx.changed` announcing into this request's invalidations, and the request's own database
 * (its SQL stops when the request is cancelled). It extends the kit's base rather than copying
 * it: a copy would lose its lazy `log` and `signal`.
 */
export function createContext(deps: ContextDeps) {
  return (base: BaseContext): Context => {
    const db = deps.db.$forRequest(base.cancellation);
    return Object.assign(base, deps, entityChangesFor(deps.publisher, base), {
      db,
      loaders: createLoaders(db),
    });
  };
}
