import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export type Db = PrismaClient;

export interface DbOptions {
  /** Called with every SQL statement sent (tests count them to prove batching); default none. */
  onQuery?: (sql: string) => void;
}

export function createDb(url: string, { onQuery }: DbOptions = {}): Db {
  const adapter = new PrismaPg({ connectionString: url });
  if (!onQuery) return new PrismaClient({ adapter });
  // Prisma emits one `query` event per statement it sends through the adapter, raw ones included.
  const db = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  db.$on('query', (event) => onQuery(event.query));
  return db;
}
