import { join } from 'node:path';
import { canConnect, repoRoot, startEmbeddedPostgres, withDatabase } from '@travel/prisma-tools';

export type TestServer = {
  /** postgres:// URL of the server's `postgres` database. */
  url: string;
  /** How it was found, for the setup's one line of output. */
  source: 'TEST_DATABASE_URL' | 'local' | 'embedded';
  /** Stops the server when this run started it; a no-op otherwise. */
  stop(): Promise<void>;
};

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** TEST_DATABASE_URL=embedded skips the local server (to test the embedded path). */
export const FORCE_EMBEDDED = 'embedded';

/**
 * The PostgreSQL server for this test run: TEST_DATABASE_URL if set, else the local server
 * if it answers within 5 s (a loaded machine answers slowly), else an embedded one under .tmp/ on a free port, so that the
 * integration tests run (never skip) on a machine with no database service.
 */
export async function acquireTestServer(configured: string | undefined): Promise<TestServer> {
  const noop = async () => {};
  if (configured && configured !== FORCE_EMBEDDED) {
    return { url: withDatabase(configured, 'postgres'), source: 'TEST_DATABASE_URL', stop: noop };
  }
  if (!configured && (await canConnect(LOCAL_URL, 5000))) {
    return { url: LOCAL_URL, source: 'local', stop: noop };
  }
  const embedded = await startInFreeSlot();
  return { url: embedded.url, source: 'embedded', stop: embedded.stop };
}

/**
 * Two runs at once can not share a data directory (nor one server: the first to finish
 * would stop it under the other). Each data directory is kept and reused; a busy one is
 * skipped for the next.
 */
async function startInFreeSlot() {
  for (let slot = 1; ; slot++) {
    const dataDir = join(repoRoot, '.tmp', slot === 1 ? 'test-postgres' : `test-postgres-${slot}`);
    try {
      return await startEmbeddedPostgres({ dataDir, ephemeral: true });
    } catch (error) {
      const busy = String((error as Error).message).includes('postmaster.pid');
      if (!busy || slot >= 8) throw error;
    }
  }
}
