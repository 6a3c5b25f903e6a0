// For programs outside vitest (benchmarks): the same server, templates and clones the test
// setup uses, without vitest's `inject`. Import from '@travel/testing/provision'.
import { quoteIdent, withDatabase } from '@travel/prisma-tools';
import pg from 'pg';
import { loadTestEnv } from './config.ts';
import { newRunId, testDatabaseName } from './names.ts';
import { acquireTestServer } from './postgres-server.ts';
import { retryWhileInUse } from './retry.ts';
import { dropRunDatabases } from './run-databases.ts';
import { ensureTemplates } from './templates.ts';

export interface ProvisionedDatabases {
  /** postgres:// URL of a fresh migrated database per subgraph asked for. */
  urls: Record<string, string>;
  /** REDIS_URL, default redis://127.0.0.1:6379. */
  redisUrl: string;
  /** Drops the databases and stops the server if this call started one. */
  drop(): Promise<void>;
}

/** One migrated database per subgraph, cloned from the test templates. */
export async function provisionDatabases(
  subgraphs: readonly string[],
): Promise<ProvisionedDatabases> {
  const env = loadTestEnv();
  const server = await acquireTestServer(env.databaseUrl);
  const runId = newRunId();
  const drop = async () => {
    try {
      await dropRunDatabases(server.url, runId);
    } finally {
      await server.stop();
    }
  };
  try {
    const templates = await ensureTemplates(server.url);
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    const urls: Record<string, string> = {};
    try {
      for (const subgraph of subgraphs) {
        const name = testDatabaseName(subgraph, runId);
        const template = quoteIdent(templates[subgraph] ?? `no template for ${subgraph}`);
        await retryWhileInUse(() =>
          admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${template}`),
        );
        urls[subgraph] = withDatabase(server.url, name);
      }
    } finally {
      await admin.end();
    }
    return { urls, redisUrl: env.redisUrl, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}
