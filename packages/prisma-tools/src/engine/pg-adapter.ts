import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlQuery,
  type SqlQueryable,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';

// Workarounds for three bugs @prisma/adapter-pg 7.10 has on the schema engine's path (the
// query engine never hits them). Each is applied to an adapter instance, not to the package.

const CHAR_OID = 18; // PostgreSQL's internal one-byte "char" (pg_class.relkind and friends)
const TEXT_OID = 25;

/** The adapter's private members this module relies on (stable within 7.10.x). */
type AdapterInternals = {
  performIO(query: SqlQuery): Promise<pg.QueryArrayResult>;
  onError(error: unknown): never;
};

/** Which columns of a result were "char", keyed by the rows array queryRaw passes through. */
const charColumnsByRows = new WeakMap<unknown[], number[]>();

/**
 * Bug 1: "char" columns, which the engine's introspection selects, throw "unsupported native
 * data type". Let them through as text at the pg level, then report them as `Character`.
 */
function acceptCharColumns<Q extends SqlQueryable>(queryable: Q): Q {
  const internals = queryable as unknown as AdapterInternals;
  const performIO = internals.performIO.bind(queryable);
  internals.performIO = async (query) => {
    const result = await performIO(query);
    const charColumns: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID !== CHAR_OID) return;
      field.dataTypeID = TEXT_OID;
      charColumns.push(index);
    });
    if (charColumns.length > 0) charColumnsByRows.set(result.rows, charColumns);
    return result;
  };
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    for (const index of charColumnsByRows.get(resultSet.rows) ?? []) {
      resultSet.columnTypes[index] = ColumnTypeEnum.Character;
    }
    return resultSet;
  };
  return queryable;
}

/**
 * Connects an adapter to `url` for the schema engine. One connection only: the engine takes
 * a session-level advisory lock and expects every later statement on that same session.
 */
export async function connectMigrationAdapter(url: string): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const adapter = acceptCharColumns(
    await new PrismaPg(pool, { disposeExternalPool: true }).connect(),
  );
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) =>
    acceptCharColumns(await startTransaction(isolationLevel));
  // Bug 3: executeScript splits on every ";" (breaking $$ bodies and strings) and runs the
  // pieces one by one, not atomically. Send the whole script as one simple-query batch, as
  // the Rust engine does: PostgreSQL then runs it in one implicit transaction.
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      (adapter as unknown as AdapterInternals).onError(error);
    }
  };
  return adapter;
}
