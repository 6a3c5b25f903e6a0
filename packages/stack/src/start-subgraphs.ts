import * as accounts from '@travel/accounts';
import * as bookings from '@travel/bookings';
import { parseEnv, tracingEnv } from '@travel/config';
import * as hotels from '@travel/hotels';
import type { GracefulService } from '@travel/lifecycle';
import type { Logger } from '@travel/logger';
import type { SubgraphService } from '@travel/service-kit';
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
  /** The stack's settings for one subgraph: its config's common part, its log, its SQL. */
  const depsFor = (name: SubgraphName, offset: number) => ({
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
  /** Creates one service from the stack's settings for it, and starts it. */
  const start = async <Db>(
    name: SubgraphName,
    offset: number,
    create: (deps: ReturnType<typeof depsFor>) => SubgraphService<Db>,
  ) => {
    const service = create(depsFor(name, offset));
    started(name, service);
    return { db: service.db, url: (await service.start()).url };
  };

  const { redisUrl, redisKeyPrefix, pubsub } = options;
  const accountsSubgraph = await start('accounts', 1, (deps) =>
    accounts.createAccountsService({
      ...deps,
      config: accounts.configFrom({
        ...deps.config,
        ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
        ...(redisKeyPrefix ? { REDIS_KEY_PREFIX: `${redisKeyPrefix}accounts:` } : {}),
        ...options.accounts,
      }),
    }),
  );
  const hotelsSubgraph = await start('hotels', 2, (deps) =>
    hotels.createHotelsService({ ...deps, config: hotels.configFrom(deps.config) }),
  );
  const bookingsSubgraph = await start('bookings', 3, (deps) =>
    bookings.createBookingsService({
      ...deps,
      pubsub,
      config: bookings.configFrom({ ...deps.config, HOTELS_URL: hotelsSubgraph.url }),
    }),
  );
  const tripsSubgraph = await start('trips', 4, (deps) =>
    trips.createTripsService({
      ...deps,
      pubsub,
      config: trips.configFrom({ ...deps.config, BOOKINGS_URL: bookingsSubgraph.url }),
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
