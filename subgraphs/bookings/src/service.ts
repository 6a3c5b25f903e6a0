import {
  createSubgraphService,
  type PublishingServiceDeps,
  type SubgraphService,
} from '@travel/service-kit';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import { createDb, type Db } from './db.ts';
import { createHotelsClient } from './hotels-client/hotels-client.ts';
import { createBookingMetrics } from './metrics/booking-metrics.ts';
import { schema } from './schema/index.ts';
import { createHoldSweeper } from './sweeper/hold-sweeper.ts';

export type BookingsServiceOptions = PublishingServiceDeps<Config>;

/**
 * The bookings subgraph with its database, tracing, entity-change pub/sub, hotels client and
 * hold sweeper (started once it listens, stopped after it drained).
 */
export function createBookingsService(options: BookingsServiceOptions): SubgraphService<Db> {
  const { config, log } = options;
  return createSubgraphService(options, {
    name: 'bookings',
    createDb,
    parts({ db, tracer, changes }) {
      const { pubsub, publisher } = changes();
      // One set of counters for the server and the sweeper: both show at /metrics.
      const metrics = createBookingMetrics();
      const hotels = createHotelsClient({
        url: config.HOTELS_URL,
        timeoutMs: config.HOTELS_TIMEOUT_MS,
        retries: config.HOTELS_RETRIES,
        log,
        tracer,
      });
      const intervalMs = config.HOLD_SWEEP_INTERVAL_MS;
      const holdMinutes = config.BOOKING_HOLD_MINUTES;
      return {
        schema,
        registry: metrics.registry,
        createContext: createContext({ db, hotels, publisher, pubsub, holdMinutes, metrics }),
        jobs: [createHoldSweeper({ db, publisher, intervalMs, log, metrics })],
        close: [async () => hotels.shutdown()],
      };
    },
  });
}
