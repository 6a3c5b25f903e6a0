import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

export interface PgAdapterOptions {
  /** Called with the text of every SQL statement sent to PostgreSQL; default none. */
  onQuery?: (sql: string) => void;
}

/**
 * Prisma's PostgreSQL driver adapter over a pool we own. Owning the pool lets tests see every
 * statement the adapter sends (transactions included), which is how they prove batching; the
 * Prisma client ends the pool on `$disconnect()`.
 */
export function createPgAdapter(url: string, { onQuery }: PgAdapterOptions = {}): PrismaPg {
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
  return new PrismaPg(pool, { disposeExternalPool: true });
}

function sqlText(config: unknown): string {
  if (typeof config === 'string') return config;
  const text = (config as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : String(config);
}
