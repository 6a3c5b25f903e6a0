import { createEmptyTestDatabase, eventually, type TestDatabase } from '@travel/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool } from './pg-adapter.ts';

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
