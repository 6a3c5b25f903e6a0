import { join } from 'node:path';
import type { Logger } from '@travel/logger';
import { deployMigrations, ensureDatabase, startEmbeddedPostgres } from '@travel/prisma-tools';
import type { StackConfig } from './config.ts';
import { SUBGRAPH_NAMES, type SubgraphName } from './subgraphs.ts';

export interface PreparedDatabases {
  urls: Record<SubgraphName, string>;
  /** Stops the embedded PostgreSQL, if one was started. */
  stop(): Promise<void>;
}

/**
 * One migrated database per subgraph: on the configured server, or on an embedded PostgreSQL
 * (data kept in DATA_DIR/postgres) when nothing is configured.
 */
export async function prepareDatabases(
  config: StackConfig,
  log: Logger,
): Promise<PreparedDatabases> {
  const embedded = needsEmbeddedPostgres(config)
    ? await startEmbeddedPostgres({
        dataDir: join(config.DATA_DIR, 'postgres'),
        port: config.EMBEDDED_POSTGRES_PORT,
      })
    : undefined;
  if (embedded)
    log.info({ dataDir: join(config.DATA_DIR, 'postgres') }, 'embedded PostgreSQL started');

  const urls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) {
    const url = config.databaseUrls[name] ?? databaseOn(embedded?.url, name);
    await ensureDatabase(url);
    const { applied } = await deployMigrations({ subgraph: name, url });
    if (applied.length > 0) log.info({ subgraph: name, applied }, 'migrations applied');
    urls[name] = url;
  }
  return { urls, stop: async () => embedded?.stop() };
}

function needsEmbeddedPostgres(config: StackConfig): boolean {
  return SUBGRAPH_NAMES.some((name) => !config.databaseUrls[name]);
}

function databaseOn(serverUrl: string | undefined, name: string): string {
  if (!serverUrl) throw new Error(`no database URL for ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
