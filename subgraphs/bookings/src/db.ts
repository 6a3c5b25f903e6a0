import { createPgDb, type PgAdapterOptions } from '@travel/service-kit';
import { PrismaClient } from './generated/prisma/client.ts';

/** Prisma for writes and most reads; `$reads` for the hot loaders' prepared SQL. */
export type Db = ReturnType<typeof createDb>;
export type DbOptions = PgAdapterOptions;

/** A request its caller abandoned sends no more SQL (see cancelWithRequest). */
export function createDb(url: string, options: DbOptions = {}) {
  return createPgDb(url, options, (adapter) => new PrismaClient({ adapter }));
}
