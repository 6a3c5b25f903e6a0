import {
  createSubgraphService,
  type PublishingServiceDeps,
  type SubgraphService,
} from '@travel/service-kit';
import { createBookingsClient } from './bookings/bookings-client.ts';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import { createDb, type Db } from './db.ts';
import { schema } from './schema/index.ts';

export type TripsServiceOptions = PublishingServiceDeps<Config>;

/** The trips subgraph with its database, tracing, entity-change pub/sub and bookings client. */
export function createTripsService(options: TripsServiceOptions): SubgraphService<Db> {
  const { config } = options;
  return createSubgraphService(options, {
    name: 'trips',
    createDb,
    parts({ db, tracer, changes }) {
      const bookings = createBookingsClient({
        url: config.BOOKINGS_URL,
        timeoutMs: config.BOOKINGS_TIMEOUT_MS,
        tracer,
      });
      return {
        schema,
        createContext: createContext({ db, bookings, ...changes() }),
        close: [bookings.close],
      };
    },
  });
}
