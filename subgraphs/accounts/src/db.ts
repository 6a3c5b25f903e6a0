import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.ts';

export type Db = PrismaClient;

export interface DbOptions {
  /** Called with the text of every SQL statement sent to PostgreSQL; default none. */
  onQuery?: (sql: string) => void;
}

/**
 * A Prisma client over our own `pg` pool. Owning the pool lets us see every statement the
 * driver adapter sends (Prisma's own query events are not a per-statement guarantee); the
 * client ends the pool on `$disconnect()`.
 */
export function createDb(url: string, { onQuery }: DbOptions = {}): Db {
  const pool = new pg.Pool({ connectionString: url });
  if (onQuery) {
    // pool.query and transactions both end in the checked-out client's query method.
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        onQuery(sqlText(args[0]));
        return query(...args);
      };
    });
  }
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

function sqlText(config: unknown): string {
  if (typeof config === 'string') return config;
  const text = (config as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : String(config);
}
