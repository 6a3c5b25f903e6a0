import { quoteIdent } from '@travel/prisma-tools';
import pg from 'pg';
import { runIdOf, runStartedAt } from './names.ts';

/** A run older than this is over: its leftover databases (after a crash) may go. */
const ABANDONED_AFTER_MS = 12 * 60 * 60 * 1000;

/**
 * Drops the test databases of `runId`, and those of runs started long ago (a killed run
 * never tears down). Databases of other recent runs, maybe still going, stay.
 */
export async function dropRunDatabases(serverUrl: string, runId: string): Promise<string[]> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'travel\\_test\\_%'",
    );
    const doomed = rows
      .map((row) => row.datname)
      .filter((name) => {
        const owner = runIdOf(name);
        if (!owner) return false;
        return owner === runId || Date.now() - runStartedAt(owner) > ABANDONED_AFTER_MS;
      });
    for (const name of doomed) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    }
    return doomed;
  } finally {
    await admin.end();
  }
}
