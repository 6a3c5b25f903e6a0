import { PrismaPg } from '@prisma/adapter-pg';
import type { Tracer } from '@travel/tracing';
import pg from 'pg';
import { cancelWithRequest, type Extensible } from './cancel-with-request.ts';
import type { RequestCancellation } from './request-signal.ts';
import { createSqlReads, type PoolReads, type SqlReads } from './sql-reads.ts';
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

/** The database of a subgraph: for no request in particular, and the one of each request. */
export type PgDb<Client> = Client &
  WithSqlReads & {
    /**
     * The database as one request uses it: once `cancellation` fires, neither its Prisma calls
     * (cancelWithRequest) nor its `$reads` send another statement.
     */
    $forRequest(cancellation: RequestCancellation): Client & WithSqlReads;
  };

/**
 * A subgraph's database: its Prisma client (built by `prismaClient` over Prisma's PostgreSQL
 * driver adapter) plus `$reads` on the same pool, and `$forRequest` for each request. Owning
 * the pool lets tests see every statement (transactions and `$reads` included), which is how
 * they prove batching, and lets tracing put a span around each; the Prisma client ends the
 * pool on `$disconnect()`.
 */
export function createPgDb<Client extends Extensible>(
  url: string,
  options: PgAdapterOptions,
  prismaClient: (adapter: PrismaPg) => Client,
): PgDb<Client> {
  const pool = createPgPool(url, options);
  const client = prismaClient(new PrismaPg(pool, { disposeExternalPool: true }));
  const reads = createSqlReads(pool);
  // Properties of the client itself, so that everything handed the database has them;
  // configurable, or a request's Proxy (forRequest) could not answer its own `$reads`.
  return Object.defineProperties(client, {
    $reads: { value: reads, configurable: true },
    $forRequest: {
      value: (cancellation: RequestCancellation) => forRequest(client, reads, cancellation),
      configurable: true,
    },
  }) as PgDb<Client>;
}

/**
 * The request's view of `client`: its own `$reads`, and its Prisma client made on first use.
 * Extending a Prisma client costs ~25 µs and its first model access ~20 more (measured
 * 2026-12-03), more than the rest of a cached read; most requests only read through `$reads`,
 * so most never make one. A Proxy rather than a copy: the Prisma client is itself one, with
 * no properties of its own to copy.
 */
function forRequest<Client extends Extensible>(
  client: Client,
  reads: PoolReads,
  cancellation: RequestCancellation,
): Client & WithSqlReads {
  const $reads = reads.within(cancellation);
  let prisma: Client | undefined;
  return new Proxy(client, {
    get(_target, property) {
      if (property === '$reads') return $reads;
      prisma ??= cancelWithRequest(client, cancellation);
      const value = Reflect.get(prisma, property);
      // Its methods (`$transaction`, `$queryRaw` …) are called on it, not on the view.
      return typeof value === 'function' ? value.bind(prisma) : value;
    },
  }) as Client & WithSqlReads;
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
