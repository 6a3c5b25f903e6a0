import { createTokenVerifier } from '@travel/auth';
import type { Logger } from '@travel/logger';
import {
  createEntityChangePublisher,
  createSubgraphServer,
  type SubgraphServer,
} from '@travel/subgraph-kit';
import type { Tracer } from '@travel/tracing';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import type { Db } from './db.ts';
import { createHotelsClient } from './hotels-client/hotels-client.ts';
import { type BookingMetrics, createBookingMetrics } from './metrics/booking-metrics.ts';
import { schema } from './schema/index.ts';

export interface ServerDeps {
  config: Config;
  db: Db;
  log: Logger;
  /** Where entity changes are published; default an in-process PubSub (one instance only). */
  pubsub?: PubSubEngine;
  /**
   * Bookings by outcome, served at `/metrics` with the request metrics; share it with the hold
   * sweeper of the same process. Default a fresh `createBookingMetrics()`.
   */
  metrics?: BookingMetrics;
  /** This subgraph's tracer (createTracing); default none: tracing off. */
  tracer?: Tracer;
}

/** The bookings subgraph's HTTP server; it never listens (main.ts or a test does). */
export function createServer({
  config,
  db,
  log,
  pubsub = new PubSub(),
  metrics = createBookingMetrics(),
  tracer,
}: ServerDeps): SubgraphServer {
  const hotels = createHotelsClient({
    url: config.HOTELS_URL,
    timeoutMs: config.HOTELS_TIMEOUT_MS,
    retries: config.HOTELS_RETRIES,
    log,
    tracer,
  });
  const server = createSubgraphServer({
    name: 'bookings',
    schema,
    log,
    registry: metrics.registry,
    tracer,
    drainTimeoutMs: config.SHUTDOWN_DRAIN_TIMEOUT_MS,
    verifier: createTokenVerifier({
      secret: config.JWT_SECRET,
      cacheMaxEntries: config.TOKEN_CACHE_MAX_ENTRIES,
    }),
    createContext: createContext({
      db,
      hotels,
      publisher: createEntityChangePublisher({ pubsub, log }),
      pubsub,
      holdMinutes: config.BOOKING_HOLD_MINUTES,
      metrics,
    }),
    async checkReady() {
      await db.$queryRaw`SELECT 1`;
    },
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      await hotels.shutdown();
    },
  };
}
