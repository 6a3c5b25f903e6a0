import type { PrismaPg } from '@prisma/adapter-pg';
import { createEmptyTestDatabase, eventually, type TestDatabase } from '@travel/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDb, createPgPool } from './pg-adapter.ts';
import { cancellationOf, isCancellation, requestCancelled } from './request-signal.ts';
import { readStatement } from './sql-reads.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createEmptyTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('createPgPool', () => {
  it('outlives PostgreSQL ending its idle connections, and serves the next query', async () => {
    const pool = createPgPool(database.url, {});
    try {
      await Promise.all([pool.query('SELECT 1'), pool.query('SELECT 2')]);
      expect(pool.idleCount).toBeGreaterThan(0);
      // What a restart or DROP DATABASE … WITH (FORCE) does to them (57P01). Unhandled, the
      // pool's 'error' would fail this run.
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      await admin.end();
      await eventually(() => pool.idleCount === 0);
      const { rows } = await pool.query<{ n: number }>('SELECT 3 AS n');
      expect(rows).toEqual([{ n: 3 }]);
    } finally {
      await pool.end();
    }
  });

  it('plans a named statement once per connection, on the indexes', async () => {
    const pool = createPgPool(database.url, {});
    const client = await pool.connect();
    try {
      // Small, as the seeded tables are: where a generic plan for `= ANY($1)` scans by default.
      await client.query('CREATE TABLE planned (id int PRIMARY KEY, label text NOT NULL)');
      await client.query(
        "INSERT INTO planned SELECT n, 'row ' || n FROM generate_series(1, 200) AS n",
      );
      await client.query('ANALYZE planned');
      const read = {
        name: 'planned_by_id',
        text: 'SELECT * FROM planned WHERE id = ANY($1::int[])',
      };
      for (let n = 1; n <= 10; n++) {
        const { rows } = await client.query({ ...read, values: [[n]] });
        expect(rows).toEqual([{ id: n, label: `row ${n}` }]);
      }
      const { rows: counts } = await client.query<{ generic: number; custom: number }>(
        `SELECT generic_plans::int AS generic, custom_plans::int AS custom
         FROM pg_prepared_statements WHERE name = $1`,
        [read.name],
      );
      expect(counts).toEqual([{ generic: 10, custom: 0 }]);
      const { rows: plan } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN EXECUTE ${read.name}('{1}')`,
      );
      expect(plan.map((line) => line['QUERY PLAN']).join('\n')).toMatch(
        /Index Scan using planned_pkey/,
      );
    } finally {
      client.release();
      await pool.end();
    }
  });
});

/** The model of `FakePrisma`: its calls go through the client's query extensions. */
interface FakePrisma {
  item: { find(args: unknown): Promise<unknown> };
  $transaction<T>(work: (tx: FakePrisma) => Promise<T>): Promise<T>;
  $extends(extension: { name: string; query: QueryExtension }): FakePrisma;
}
type QueryExtension = {
  $allOperations(params: {
    args: unknown;
    query(args: unknown): Promise<unknown>;
  }): Promise<unknown>;
};

/** A stand-in for a generated Prisma client, counting the clients extended from it. */
function fakePrisma(made: { extended: number }, extensions: QueryExtension[] = []): FakePrisma {
  const run = (args: unknown, at = 0): Promise<unknown> => {
    const extension = extensions[at];
    if (!extension) return Promise.resolve({ found: args });
    return extension.$allOperations({ args, query: (next) => run(next, at + 1) });
  };
  const client: FakePrisma = {
    item: { find: (args) => run(args) },
    $transaction: (work) => work(client),
    $extends(extension) {
      made.extended += 1;
      return fakePrisma(made, [...extensions, extension.query]);
    },
  };
  return client;
}

describe('createPgDb: a request’s database', () => {
  const one = readStatement<{ n: number }>('test_one', 'SELECT 1 AS n');

  it('makes its Prisma client on first use only, and sends nothing once cancelled', async () => {
    const sent: string[] = [];
    const made = { extended: 0 };
    let adapter: PrismaPg | undefined;
    const db = createPgDb(database.url, { onQuery: (sql) => sent.push(sql) }, (pgAdapter) => {
      adapter = pgAdapter;
      return fakePrisma(made);
    });
    try {
      const request = new AbortController();
      const requestDb = db.$forRequest(cancellationOf(request.signal));
      expect(await requestDb.$reads.rows(one, [])).toEqual([{ n: 1 }]);
      // The hot reads alone never extend Prisma's client (~45 µs a request).
      expect(made.extended).toBe(0);
      expect(await requestDb.item.find({ id: 7 })).toEqual({ found: { id: 7 } });
      expect(await requestDb.$transaction((tx) => tx.item.find({ id: 8 }))).toEqual({
        found: { id: 8 },
      });
      expect(made.extended).toBe(1);

      request.abort(requestCancelled());
      const before = sent.length;
      const refused = await Promise.allSettled([
        requestDb.$reads.rows(one, []),
        requestDb.item.find({ id: 9 }),
        requestDb.$transaction((tx) => tx.item.find({ id: 10 })),
      ]);
      for (const outcome of refused) {
        expect(outcome.status).toBe('rejected');
        expect(isCancellation((outcome as PromiseRejectedResult).reason)).toBe(true);
      }
      expect(sent.length).toBe(before);
      // Another request's database, and the one of no request (seeds, sweepers), still read.
      const other = db.$forRequest(cancellationOf(new AbortController().signal));
      expect(await other.$reads.rows(one, [])).toEqual([{ n: 1 }]);
      expect(await db.$reads.rows(one, [])).toEqual([{ n: 1 }]);
      expect(await db.item.find({ id: 11 })).toEqual({ found: { id: 11 } });
    } finally {
      await (await adapter?.connect())?.dispose();
    }
  });
});
