import {
  type BaseContext,
  type EntityChangePublisher,
  type EntityChanges,
  entityChangesFor,
} from '@travel/service-kit';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { Db } from './db.ts';
import type { HotelsClient } from './hotels-client/hotels-client.ts';
import { createLoaders, type Loaders } from './loaders/index.ts';
import type { BookingMetrics } from './metrics/booking-metrics.ts';

/** What resolvers need besides the request: shared by every request of one server. */
export interface ContextDeps {
  db: Db;
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

export type Context = BaseContext & ContextDeps & EntityChanges & { loaders: Loaders };

/**
 * Per request: fresh DataLoaders, so nothing cached outlives the request that loaded it, and
 * `ctx.changed` announcing into this request's invalidations. It extends the kit's base
 * rather than copying it: a copy would lose its lazy `log` and `signal`.
 */
export function createContext(deps: ContextDeps) {
  return (base: BaseContext): Context =>
    Object.assign(base, deps, entityChangesFor(deps.publisher, base), {
      loaders: createLoaders(deps.db),
    });
}
