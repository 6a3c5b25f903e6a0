import * as accounts from '@travel/accounts';
import * as bookings from '@travel/bookings';
import { parseEnv, tracingEnv } from '@travel/config';
import * as hotels from '@travel/hotels';
import type { GracefulService } from '@travel/lifecycle';
import type { Logger } from '@travel/logger';
import type { SubgraphService } from '@travel/subgraph-kit';
import * as trips from '@travel/trips';
import type { PubSubEngine } from 'graphql-subscriptions';
import { z } from 'zod';
import type { SubgraphName } from './subgraphs.ts';

export interface StartSubgraphsOptions {
  databaseUrls: Record<SubgraphName, string>;
  jwtSecret: string;
  log: Logger;
  /** The router's port: the subgraphs take the next four; 0 picks free ports. */
  port: number;
  /** Redis for accounts' sign-in throttle, under `<redisKeyPrefix>accounts:`; default none. */
  redisUrl?: string | undefined;
  redisKeyPrefix?: string | undefined;
  /** Accounts settings over the stack's (sign-in throttling limits …). Default none. */
  accounts?: Partial<accounts.Config> | undefined;
  /** OTEL_* variables, without OTEL_SERVICE_NAME: each subgraph names itself. */
  tracingEnv: NodeJS.ProcessEnv;
  onQuery?: ((subgraph: SubgraphName, sql: string) => void) | undefined;
  pubsub: PubSubEngine;
  shutdownDrainTimeoutMs: number;
}

export interface StartedSubgraphs {
  urls: Record<SubgraphName, string>;
  dbs: { accounts: accounts.Db; hotels: hotels.Db; bookings: bookings.Db; trips: trips.Db };
}

/**
 * Creates and starts the four services with typed configs (each package's configFrom: its
 * own defaults under the stack's values), in dependency order: a subgraph that calls
 * another starts once that one listens. `started` receives each service before it starts,
 * so the caller can stop what did start when a later one fails.
 */
export async function startSubgraphs(
  options: StartSubgraphsOptions,
  started: (name: SubgraphName, service: GracefulService) => void,
): Promise<StartedSubgraphs> {
  const { log, port, onQuery } = options;
  const tracing = parseEnv(z.object(tracingEnv), options.tracingEnv, 'stack tracing');
  const base = (name: SubgraphName, offset: number) => ({
    config: {
      ...tracing,
      HOST: '127.0.0.1',
      PORT: port === 0 ? 0 : port + offset,
      JWT_SECRET: options.jwtSecret,
      SHUTDOWN_DRAIN_TIMEOUT_MS: options.shutdownDrainTimeoutMs,
      DATABASE_URL: options.databaseUrls[name],
    },
    log: log.child({ subgraph: name }),
    onQuery: onQuery && ((sql: string) => onQuery(name, sql)),
  });
  const start = async <Db>(name: SubgraphName, service: SubgraphService<Db>) => {
    started(name, service);
    return { db: service.db, url: (await service.start()).url };
  };

  const a = base('accounts', 1);
  const accountsSubgraph = await start(
    'accounts',
    accounts.createAccountsService({
      ...a,
      config: accounts.configFrom({
        ...a.config,
        ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
        ...(options.redisKeyPrefix
          ? { REDIS_KEY_PREFIX: `${options.redisKeyPrefix}accounts:` }
          : {}),
        ...options.accounts,
      }),
    }),
  );
  const h = base('hotels', 2);
  const hotelsSubgraph = await start(
    'hotels',
    hotels.createHotelsService({ ...h, config: hotels.configFrom(h.config) }),
  );
  const b = base('bookings', 3);
  const bookingsSubgraph = await start(
    'bookings',
    bookings.createBookingsService({
      ...b,
      pubsub: options.pubsub,
      config: bookings.configFrom({ ...b.config, HOTELS_URL: hotelsSubgraph.url }),
    }),
  );
  const t = base('trips', 4);
  const tripsSubgraph = await start(
    'trips',
    trips.createTripsService({
      ...t,
      pubsub: options.pubsub,
      config: trips.configFrom({ ...t.config, BOOKINGS_URL: bookingsSubgraph.url }),
    }),
  );
  return {
    urls: {
      accounts: accountsSubgraph.url,
      hotels: hotelsSubgraph.url,
      bookings: bookingsSubgraph.url,
      trips: tripsSubgraph.url,
    },
    dbs: {
      accounts: accountsSubgraph.db,
      hotels: hotelsSubgraph.db,
      bookings: bookingsSubgraph.db,
      trips: tripsSubgraph.db,
    },
  };
}
