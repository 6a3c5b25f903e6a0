import type { BaseContext } from '@travel/subgraph-kit';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { Db } from './db.ts';
import type { BookingEvents } from './events/booking-events.ts';
import type { HotelsClient } from './hotels-client/hotels-client.ts';
import { createLoaders, type Loaders } from './loaders/index.ts';
import type { BookingMetrics } from './metrics/booking-metrics.ts';

/** What resolvers need besides the request: shared by every request of one server. */
export interface ContextDeps {
  db: Db;
  hotels: HotelsClient;
  events: BookingEvents;
  /** Where Subscription fields listen (the same engine events are published on). */
  pubsub: PubSubEngine;
  /** How long a new PENDING booking holds its rooms. */
  holdMinutes: number;
  /** Bookings by outcome, for `/metrics`. */
  metrics: BookingMetrics;
}

export type Context = BaseContext & ContextDeps & { loaders: Loaders };

/** Per request: fresh DataLoaders, so nothing cached outlives the request that loaded it. */
export function createContext(deps: ContextDeps) {
  return (base: BaseContext): Context => ({ ...base, ...deps, loaders: createLoaders(deps.db) });
}
