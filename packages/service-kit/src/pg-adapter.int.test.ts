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
});
