import { closedPortUrl, type SubgraphForTest, startSubgraphForTest } from '@travel/testing';
import { configFrom } from '../src/config.ts';
import type { Db } from '../src/db.ts';
import { createTripsService } from '../src/service.ts';

export type TripsHarness = SubgraphForTest<Db>;

export interface StartTripsOptions {
  /** The bookings subgraph trips asks. Default: a closed port (bookings is down). */
  bookingsUrl?: string;
  /** Another trips server's database, to see the same trips. Default: a fresh one. */
  databaseUrl?: string;
}

/** The real trips service on a free port, with SQL statements counted. */
export async function startTrips(options: StartTripsOptions = {}): Promise<TripsHarness> {
  const bookingsUrl = options.bookingsUrl ?? (await closedPortUrl());
  return startSubgraphForTest(
    'trips',
    (deps) =>
      createTripsService({
        ...deps,
        config: configFrom({ ...deps.config, BOOKINGS_URL: bookingsUrl }),
      }),
    { databaseUrl: options.databaseUrl },
  );
}
