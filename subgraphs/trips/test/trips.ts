import { closedPortUrl, type SubgraphForTest, startSubgraphForTest } from '@travel/testing';
import { loadConfig } from '../src/config.ts';
import { createDb, type Db } from '../src/db.ts';
import { createServer } from '../src/server.ts';

export type TripsHarness = SubgraphForTest<Db>;

export interface StartTripsOptions {
  /** The bookings subgraph trips asks. Default: a closed port (bookings is down). */
  bookingsUrl?: string;
  /** Another trips server's database, to see the same trips. Default: a fresh one. */
  databaseUrl?: string;
}

/** The real trips server on a free port, with SQL statements counted. */
export async function startTrips(options: StartTripsOptions = {}): Promise<TripsHarness> {
  return startSubgraphForTest(
    { name: 'trips', loadConfig, createDb, createServer },
    {
      databaseUrl: options.databaseUrl,
      env: { BOOKINGS_URL: options.bookingsUrl ?? (await closedPortUrl()) },
    },
  );
}
