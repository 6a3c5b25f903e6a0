import { createTokenVerifier } from '@travel/auth';
import type { Logger } from '@travel/logger';
import {
  createEntityChangePublisher,
  createSubgraphServer,
  type SubgraphServer,
} from '@travel/subgraph-kit';
import type { Tracer } from '@travel/tracing';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { type BookingsClient, createBookingsClient } from './bookings/bookings-client.ts';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import type { Db } from './db.ts';
import { schema } from './schema/index.ts';

export interface ServerDeps {
  config: Config;
  db: Db;
  log: Logger;
  /** Default: an HTTP client of `config.BOOKINGS_URL`. */
  bookings?: BookingsClient;
  /** Where entity changes are published; default an in-process PubSub (one instance only). */
  pubsub?: PubSubEngine;
  /** This subgraph's tracer (createTracing); default none: tracing off. */
  tracer?: Tracer;
}

/** The trips subgraph's HTTP server, ready to `start()`; it never listens by itself. */
export function createServer({
  config,
  db,
  log,
  bookings,
  pubsub = new PubSub(),
  tracer,
}: ServerDeps): SubgraphServer {
  let bookingsClient = bookings;
  // A client this server made is closed with it; an injected one belongs to its caller.
  let closeBookings = async () => {};
  if (!bookingsClient) {
    const own = createBookingsClient({
      url: config.BOOKINGS_URL,
      timeoutMs: config.BOOKINGS_TIMEOUT_MS,
      tracer,
    });
    bookingsClient = own;
    closeBookings = own.close;
  }
  const server = createSubgraphServer({
    name: 'trips',
    schema,
    log,
    tracer,
    drainTimeoutMs: config.SHUTDOWN_DRAIN_TIMEOUT_MS,
    verifier: createTokenVerifier({
      secret: config.JWT_SECRET,
      cacheMaxEntries: config.TOKEN_CACHE_MAX_ENTRIES,
    }),
    createContext: createContext({
      db,
      bookings: bookingsClient,
      publisher: createEntityChangePublisher({ pubsub, log }),
      pubsub,
    }),
    checkReady: async () => {
      await db.$queryRaw`SELECT 1`;
    },
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      await closeBookings();
    },
  };
}
