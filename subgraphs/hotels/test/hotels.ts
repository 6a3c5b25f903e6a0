import { type SubgraphForTest, startSubgraphForTest } from '@travel/testing';
import { configFrom } from '../src/config.ts';
import type { Db } from '../src/db.ts';
import { createHotelsService } from '../src/service.ts';

export type HotelsHarness = SubgraphForTest<Db>;

/** The real hotels service on a free port, over its own database, with SQL statements counted. */
export function startHotels(): Promise<HotelsHarness> {
  return startSubgraphForTest('hotels', (deps) =>
    createHotelsService({ ...deps, config: configFrom(deps.config) }),
  );
}
