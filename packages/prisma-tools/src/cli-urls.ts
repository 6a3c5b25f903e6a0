import { join } from 'node:path';
import { configuredDatabaseUrl } from './config.ts';
import { canConnect, withDatabase } from './database.ts';
import { type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres.ts';
import { repoRoot } from './migrations-dir.ts';

/** The server a developer's machine usually has (trust auth, as in the README). */
export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export type DatabaseUrls = {
  /** The database URL of `subgraph`: configured, else on the fallback server. */
  urlFor(subgraph: string): Promise<string>;
  /** Stops the embedded server if this object started one. */
  close(): Promise<void>;
};

/**
 * Where the db:* scripts find each subgraph's database. With neither DATABASE_URL nor
 * DATABASE_URL_<NAME> set: the local server if it answers within 2 s, else an embedded one
 * under .data/postgres, started on first need and stopped by close().
 */
export function createDatabaseUrls(env?: NodeJS.ProcessEnv): DatabaseUrls {
  let embedded: RunningPostgres | undefined;
  let fallback: Promise<string> | undefined;
  const fallbackServer = async () => {
    if (await canConnect(LOCAL_POSTGRES_URL, 2000)) return LOCAL_POSTGRES_URL;
    embedded = await startEmbeddedPostgres({ dataDir: join(repoRoot, '.data', 'postgres') });
    return embedded.url;
  };
  return {
    async urlFor(subgraph) {
      const configured = configuredDatabaseUrl(subgraph, env);
      if (configured) return configured;
      fallback ??= fallbackServer();
      return withDatabase(await fallback, subgraph);
    },
    async close() {
      await embedded?.stop();
    },
  };
}
