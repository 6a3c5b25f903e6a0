import { createPgAdapter, type PgAdapterOptions } from '@travel/subgraph-kit';
import { PrismaClient } from './generated/prisma/client.ts';

export type Db = PrismaClient;
export type DbOptions = PgAdapterOptions;

export function createDb(url: string, options: DbOptions = {}): Db {
  return new PrismaClient({ adapter: createPgAdapter(url, options) });
}
