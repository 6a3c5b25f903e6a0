import {
  createEntityChangePublisher,
  createSubgraphService,
  type SubgraphService,
  type SubgraphServiceDeps,
  servicePubSub,
} from '@travel/subgraph-kit';
import type { PubSubEngine } from 'graphql-subscriptions';
import { createBookingsClient } from './bookings/bookings-client.ts';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import { createDb, type Db } from './db.ts';
import { schema } from './schema/index.ts';

export interface TripsServiceOptions extends SubgraphServiceDeps<Config> {
  /**
   * Where entity changes are published, owned by the caller (the stack's, shared with its
   * router). Default: Redis pub/sub on REDIS_URL, else one in this process.
   */
  pubsub?: PubSubEngine;
}

/** The trips subgraph with its database, tracing, pub/sub and bookings client. */
export function createTripsService(options: TripsServiceOptions): SubgraphService<Db> {
  const { config, log } = options;
  return createSubgraphService({
    ...options,
    name: 'trips',
    createDb,
    parts: ({ db, tracer }) => {
      const changes = servicePubSub({ pubsub: options.pubsub, redisUrl: config.REDIS_URL, log });
      const bookings = createBookingsClient({
        url: config.BOOKINGS_URL,
        timeoutMs: config.BOOKINGS_TIMEOUT_MS,
        tracer,
      });
      const { pubsub } = changes;
      const publisher = createEntityChangePublisher({ pubsub, log });
      return {
        schema,
        createContext: createContext({ db, bookings, publisher, pubsub }),
        close: [bookings.close, changes.close],
      };
    },
  });
}
