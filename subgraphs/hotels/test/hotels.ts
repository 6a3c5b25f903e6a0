import { type SubgraphForTest, startSubgraphForTest } from '@travel/testing';
import { loadConfig } from '../src/config.ts';
import { createDb, type Db } from '../src/db.ts';
import { createServer } from '../src/server.ts';

export type HotelsHarness = SubgraphForTest<Db>;

/** The real hotels server on a free port, over its own database, with SQL statements counted. */
export function startHotels(): Promise<HotelsHarness> {
  return startSubgraphForTest({ name: 'hotels', loadConfig, createDb, createServer });
}
