import {
  createSubgraphService,
  type SubgraphService,
  type SubgraphServiceDeps,
} from '@travel/service-kit';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import { createDb, type Db } from './db.ts';
import { schema } from './schema/index.ts';

export type HotelsServiceOptions = SubgraphServiceDeps<Config>;

/** The hotels subgraph with its database and tracing, for main.ts, the stack and tests. */
export function createHotelsService(options: HotelsServiceOptions): SubgraphService<Db> {
  return createSubgraphService(options, {
    name: 'hotels',
    createDb,
    parts: ({ db }) => ({ schema, createContext: createContext({ db }) }),
  });
}
