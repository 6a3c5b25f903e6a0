import { testPostgresUrl } from '@travel/testing';
import pg from 'pg';
import { expect, it } from 'vitest';
import { readPostgresCpuMs } from './proc-stat.ts';

it("counts the CPU of the PostgreSQL server's backends", async () => {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    const before = readPostgresCpuMs();
    // Work only a backend does: enough CPU to pass many 10 ms ticks.
    await client.query('SELECT sum(i::bigint * i) FROM generate_series(1, 3000000) AS i');
    const after = readPostgresCpuMs();
    expect(before).toBeGreaterThan(0);
    expect(after - before).toBeGreaterThanOrEqual(50);
  } finally {
    await client.end();
  }
});
