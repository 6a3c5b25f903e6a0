import {
  createEntityChangePublisher,
  createSubgraphService,
  type SubgraphService,
  type SubgraphServiceDeps,
  servicePubSub,
} from '@travel/subgraph-kit';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import { createDb, type Db } from './db.ts';
import { createHotelsClient } from './hotels-client/hotels-client.ts';
import { createBookingMetrics } from './metrics/booking-metrics.ts';
import { schema } from './schema/index.ts';
import { createHoldSweeper } from './sweeper/hold-sweeper.ts';

export interface BookingsServiceOptions extends SubgraphServiceDeps<Config> {
  /**
   * Where entity changes are published, owned by the caller (the stack's, shared with its
   * router). Default: Redis pub/sub on REDIS_URL, else one in this process.
   */
  pubsub?: PubSubEngine;
}

/**
 * The bookings subgraph with its database, tracing, pub/sub, hotels client and hold sweeper
 * (started once it listens, stopped after it drained).
 */
export function createBookingsService(options: BookingsServiceOptions): SubgraphService<Db> {
  const { config, log } = options;
  return createSubgraphService({
    ...options,
    name: 'bookings',
    createDb,
    parts: ({ db, tracer }) => {
      const changes = servicePubSub({ pubsub: options.pubsub, redisUrl: config.REDIS_URL, log });
      const { pubsub } = changes;
      const publisher = createEntityChangePublisher({ pubsub, log });
      // One set of counters for the server and the sweeper: both show at /metrics.
      const metrics = createBookingMetrics();
      const hotels = createHotelsClient({
        url: config.HOTELS_URL,
        timeoutMs: config.HOTELS_TIMEOUT_MS,
        retries: config.HOTELS_RETRIES,
        log,
        tracer,
      });
      const sweeper = createHoldSweeper({
        db,
        publisher,
        intervalMs: config.HOLD_SWEEP_INTERVAL_MS,
        log,
        metrics,
      });
      const holdMinutes = config.BOOKING_HOLD_MINUTES;
      return {
        schema,
        registry: metrics.registry,
        createContext: createContext({ db, hotels, publisher, pubsub, holdMinutes, metrics }),
        jobs: [sweeper],
        close: [async () => hotels.shutdown(), changes.close],
      };
    },
  });
}
