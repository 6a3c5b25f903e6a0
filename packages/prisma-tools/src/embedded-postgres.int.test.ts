import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

const EVENTS = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM'] as const;

it('starts a real server and leaves no process hooks behind (they would reset exit codes)', async () => {
  const counts = () => EVENTS.map((event) => process.listenerCount(event));
  const before = counts();
  const dataDir = mkdtempSync(join(tmpdir(), 'embedded-pg-'));
  chmodSync(dataDir, 0o755); // as root the server runs as the postgres user
  const server = await startEmbeddedPostgres({ dataDir: join(dataDir, 'data'), ephemeral: true });
  try {
    expect(counts()).toEqual(before);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query('select 1 + 1 as two');
    await client.end();
    expect(rows[0].two).toBe(2);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
