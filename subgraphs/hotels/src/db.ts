import {
  createPgDb,
  type PgAdapterOptions,
  type PgDb,
  type WithSqlReads,
} from '@travel/service-kit';
import { PrismaClient } from './generated/prisma/client.ts';

/** Prisma for writes and most reads; `$reads` for the hot loaders' prepared SQL. */
export type Db = PrismaClient & WithSqlReads;
/** The subgraph's database, from which each request's `Db` is made (`$forRequest`). */
export type Database = PgDb<PrismaClient>;
export type DbOptions = PgAdapterOptions;

/**
 * The subgraph's database. Each request uses its own (`$forRequest`): one its caller abandoned
 * sends no more SQL.
 */
export function createDb(url: string, options: DbOptions = {}): Database {
  return createPgDb(url, options, (adapter) => new PrismaClient({ adapter }));
}
