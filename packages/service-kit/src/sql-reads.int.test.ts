import { createEmptyTestDatabase, type TestDatabase } from '@travel/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { cancellationOf, isCancellation, requestCancelled } from './request-signal.ts';
import { createSqlReads, readStatement } from './sql-reads.ts';

let database: TestDatabase;
let pool: pg.Pool;
const sent: string[] = [];

beforeAll(async () => {
  database = await createEmptyTestDatabase();
  pool = new pg.Pool({ connectionString: database.url });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      sent.push((args[0] as { text: string }).text);
      return query(...args);
    };
  });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const numbers = readStatement<{ n: number; day: Date; at: Date; tags: string[]; none: null }>(
  'test_numbers',
  `SELECT n, '2026-12-01'::date AS day, '2026-12-01T10:20:30.456Z'::timestamptz AS at,
          ARRAY['a', 'b'] AS tags, NULL AS none
   FROM unnest($1::int[]) AS n ORDER BY n`,
);

describe('createSqlReads', () => {
  it("reads rows with Prisma's types: a date is UTC midnight whatever the server's zone", async () => {
    const reads = createSqlReads(pool);
    // Node follows TZ when it changes: pg's own parser would make this date 05:00 UTC.
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    onTestFinished(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    const rows = await reads.rows(numbers, [[2, 1]]);
    expect(rows).toStrictEqual(
      [1, 2].map((n) => ({
        n,
        day: new Date('2026-12-01T00:00:00.000Z'),
        at: new Date('2026-12-01T10:20:30.456Z'),
        tags: ['a', 'b'],
        none: null,
      })),
    );
    // Prepared once per connection, then only bound and executed: the same text each time.
    await reads.rows(numbers, [[3]]);
    expect(sent.filter((text) => text === numbers.text).length).toBeGreaterThanOrEqual(2);
  });

  it('sends nothing for a request its caller abandoned', async () => {
    const reads = createSqlReads(pool);
    const controller = new AbortController();
    controller.abort(requestCancelled());
    const before = sent.length;
    const error = await reads
      .within(cancellationOf(controller.signal))
      .rows(numbers, [[1]])
      .catch((e: unknown) => e);
    expect(isCancellation(error)).toBe(true);
    expect(sent.length).toBe(before);
  });

  it('refuses a second statement under a name already taken', async () => {
    const reads = createSqlReads(pool);
    await reads.rows(numbers, [[1]]);
    const impostor = readStatement<{ n: number }>('test_numbers', 'SELECT 1 AS n');
    await expect(reads.rows(impostor, [])).rejects.toThrow(
      /two SQL statements are named test_numbers/,
    );
  });
});
