import { cancelWithRequest, createPgAdapter, type PgAdapterOptions } from '@travel/subgraph-kit';
import { PrismaClient } from './generated/prisma/client.ts';

export type Db = PrismaClient;
export type DbOptions = PgAdapterOptions;

/** A request its caller abandoned sends no more SQL (see cancelWithRequest). */
export function createDb(url: string, options: DbOptions = {}): Db {
  return cancelWithRequest(new PrismaClient({ adapter: createPgAdapter(url, options) }));
}
