import pg from 'pg';
import { parseTimestamptz } from './pg-timestamp.ts';
import { type RequestCancellation, throwIfCancelled } from './request-signal.ts';

/**
 * One read a loader sends on every request, as SQL: named, so that each pooled connection
 * parses it once and then only binds and executes it. `Row` is what one row is (a Prisma
 * model's type when the statement selects every column under its field name).
 */
export interface ReadStatement<Row> {
  readonly name: string;
  readonly text: string;
  /** Never set: carries `Row` for `rows()`. */
  readonly row?: Row;
}

export function readStatement<Row>(name: string, text: string): ReadStatement<Row> {
  return { name, text };
}

/**
 * Reads that bypass Prisma's client. Prisma costs ~0.25 ms of CPU per statement more than
 * `pg` alone (0.35–0.38 ms for a `findMany` by ids, 0.27 for `$queryRaw`, 0.10 for the same
 * prepared statement on the same pool, measured 2026-12-01 on this machine), which was a
 * third of a subgraph's CPU per call: the hot loaders read with these, every write and
 * transaction stays on Prisma. Statements go through the same pool, so counting (`onQuery`)
 * and tracing see them like Prisma's. Named statements live in a connection's session: a
 * pooler in transaction mode (PgBouncer before 1.21) in front of PostgreSQL would break them.
 */
export interface SqlReads {
  /** The rows of `statement` with `values` ($1, $2 …). */
  rows<Row>(statement: ReadStatement<Row>, values: readonly unknown[]): Promise<Row[]>;
}

/** The reads of one pool: for no request in particular (seeds, sweepers), or for one. */
export interface PoolReads extends SqlReads {
  /**
   * The same reads for one request: refused without a statement sent once the request is
   * cancelled, like its Prisma calls (see cancelWithRequest).
   */
  within(cancellation: RequestCancellation): SqlReads;
}

export function createSqlReads(pool: pg.Pool): PoolReads {
  // A name is a statement on every connection: two texts under one name would run each
  // other's SQL.
  const texts = new Map<string, string>();
  const rows = async <Row>(statement: ReadStatement<Row>, values: readonly unknown[]) => {
    const known = texts.get(statement.name);
    if (known === undefined) texts.set(statement.name, statement.text);
    else if (known !== statement.text) {
      throw new Error(`two SQL statements are named ${statement.name}`);
    }
    const result = await pool.query<Row & pg.QueryResultRow>({
      name: statement.name,
      text: statement.text,
      values: [...values],
      types: PRISMA_TYPES,
    });
    return result.rows;
  };
  return {
    rows,
    within: (cancellation) => ({
      rows(statement, values) {
        try {
          throwIfCancelled(cancellation);
        } catch (reason) {
          return Promise.reject(reason);
        }
        return rows(statement, values);
      },
    }),
  };
}

const DATE_OID = 1082;
const TIMESTAMPTZ_OID = 1184;
const parseDate = (text: string) => new Date(`${text}T00:00:00.000Z`);
/**
 * pg's own parsers, except for `date` (`@db.Date`): pg makes it local midnight, Prisma UTC
 * midnight, and a row must not depend on the server's time zone nor on who read it; and
 * `timestamptz`, read the same as pg does but faster (see parseTimestamptz).
 */
const PRISMA_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === DATE_OID) return parseDate;
    if (oid === TIMESTAMPTZ_OID && format !== 'binary') return parseTimestamptz;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};
