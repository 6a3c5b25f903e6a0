import { PrismaPg } from '@prisma/adapter-pg';
import type { Tracer } from '@travel/tracing';
import pg from 'pg';
import { bindPoolConnect, sqlTargetOf, tracedQuery } from './sql-span.ts';

export interface PgAdapterOptions {
  /** Called with the text of every SQL statement sent to PostgreSQL; default none. */
  onQuery?: (sql: string) => void;
  /** A span per statement, in the trace of the request that sent it; default none (off). */
  tracer?: Tracer;
}

/**
 * Prisma's PostgreSQL driver adapter over a pool we own. Owning the pool lets tests see every
 * statement the adapter sends (transactions included), which is how they prove batching, and
 * lets tracing put a span around each; the Prisma client ends the pool on `$disconnect()`.
 */
export function createPgAdapter(url: string, { onQuery, tracer }: PgAdapterOptions = {}): PrismaPg {
  const pool = new pg.Pool({ connectionString: url });
  if (tracer) bindPoolConnect(pool);
  if (onQuery || tracer) {
    const target = tracer && sqlTargetOf(url);
    // pool.query and transactions both end in the checked-out client's query method.
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        const sql = sqlText(args[0]);
        onQuery?.(sql);
        if (!tracer || !target) return query(...args);
        return tracedQuery(tracer, target, query, sql)(...args);
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
