import { PrismaPg } from '@prisma/adapter-pg';
import type { Tracer } from '@travel/tracing';
import pg from 'pg';
import { cancelWithRequest } from './cancel-with-request.ts';
import { createSqlReads, type SqlReads } from './sql-reads.ts';
import { bindPoolConnect, sqlTargetOf, tracedQuery } from './sql-span.ts';

export interface PgAdapterOptions {
  /** Called with the text of every SQL statement sent to PostgreSQL; default none. */
  onQuery?: (sql: string) => void;
  /** A span per statement, in the trace of the request that sent it; default none (off). */
  tracer?: Tracer;
}

/** What `createPgDb` adds to the Prisma client. */
export interface WithSqlReads {
  /** Prepared reads on the client's own pool (see SqlReads): what hot loaders use. */
  readonly $reads: SqlReads;
}

/**
 * A subgraph's database: its Prisma client (built by `prismaClient` over Prisma's PostgreSQL
 * driver adapter) cancelled with the request (cancelWithRequest), plus `$reads` on the same
 * pool. Owning the pool lets tests see every statement (transactions and `$reads` included),
 * which is how they prove batching, and lets tracing put a span around each; the Prisma
 * client ends the pool on `$disconnect()`.
 */
export function createPgDb<Client extends Parameters<typeof cancelWithRequest>[0]>(
  url: string,
  options: PgAdapterOptions,
  prismaClient: (adapter: PrismaPg) => Client,
): Client & WithSqlReads {
  const pool = createPgPool(url, options);
  const client = cancelWithRequest(prismaClient(new PrismaPg(pool, { disposeExternalPool: true })));
  // A property of the client itself, so that everything handed the database has both.
  return Object.defineProperty(client, '$reads', { value: createSqlReads(pool) }) as Client &
    WithSqlReads;
}

/**
 * Every connection's planner settings. The hot reads are named statements (SqlReads) so that
 * PostgreSQL plans each once per connection, but by default it re-plans them on every
 * execution: its generic plan for `id = ANY($1)` assumes ten ids and, at the default
 * random_page_cost (4, a spinning disk's), prefers sequential scans of small tables, so a plan
 * for the actual ids always looks cheaper. Planning was then most of PostgreSQL's CPU per
 * read (0.25–0.29 ms against 0.10 for hotel_details, measured 2026-12-02 on this machine).
 * Forced generic plans are planned once per statement and connection; with random_page_cost at
 * an SSD's (or a cached table's) 1.1 they use the indexes. Prisma's unnamed statements are
 * planned once per execution either way, now without their parameters' values, which their
 * lookups by key and the writes' locking reads do not need.
 */
const PLANNER_SETTINGS = '-c plan_cache_mode=force_generic_plan -c random_page_cost=1.1';

/** The pool behind a subgraph's database (exported for its test). */
export function createPgPool(url: string, { onQuery, tracer }: PgAdapterOptions): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, options: PLANNER_SETTINGS });
  // An idle connection PostgreSQL ends (a restart, a failover, an administrator) is an 'error'
  // on the pool: without a listener it would end the process. The pool has already dropped
  // that connection and opens a new one for the next query, where a real outage shows.
  pool.on('error', () => {});
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
  return pool;
}

function sqlText(config: unknown): string {
  if (typeof config === 'string') return config;
  const text = (config as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : String(config);
}
