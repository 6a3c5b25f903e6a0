import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  deployMigrations,
  listSubgraphs,
  quoteIdent,
  readMigrations,
  repoRoot,
  withDatabase,
} from '@travel/prisma-tools';
import pg from 'pg';
import { TEMPLATE_PREFIX, templateName } from './names.ts';
import { retryWhileInUse } from './retry.ts';

// Any fixed number works; it only has to be the same in every run on this server.
const TEMPLATE_LOCK = 727_073_691;

/** sha256 (8 hex) of a subgraph's migration folder names and contents. */
export async function migrationsHash(subgraph: string): Promise<string> {
  const list = await readMigrations(join(repoRoot, 'prisma', subgraph, 'migrations'));
  const hash = createHash('sha256').update(subgraph);
  for (const dir of list.migrationDirectories) {
    const content = dir.migrationFile.content;
    hash.update(`\0${dir.path}\0${content.tag === 'ok' ? content.value : ''}`);
  }
  return hash.digest('hex').slice(0, 8);
}

/**
 * One migrated template database per subgraph, named by its migrations' hash and reused
 * across runs. Built under an advisory lock (two runs at once build each template once), as
 * <name>_build then renamed: a template exists only complete. Templates refuse connections,
 * so CREATE DATABASE … TEMPLATE never fails because one stayed open. Templates of the same
 * subgraph with another hash are dropped (best effort: one in use by another run stays).
 */
export async function ensureTemplates(serverUrl: string): Promise<Record<string, string>> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    const existing = new Set(
      (await admin.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map(
        (row) => row.datname,
      ),
    );
    const templates: Record<string, string> = {};
    for (const subgraph of listSubgraphs()) {
      const name = templateName(subgraph, await migrationsHash(subgraph));
      if (!existing.has(name)) await buildTemplate(admin, serverUrl, subgraph, name);
      templates[subgraph] = name;
      const stale = new RegExp(`^${TEMPLATE_PREFIX}${subgraph}_[0-9a-f]{8}$`);
      for (const other of existing) {
        if (other !== name && stale.test(other)) await dropTemplate(admin, other).catch(() => {});
      }
    }
    return templates;
  } finally {
    await admin.end(); // also releases the advisory lock
  }
}

async function buildTemplate(admin: pg.Client, serverUrl: string, subgraph: string, name: string) {
  const build = `${name}_build`;
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(build)} WITH (FORCE)`); // a crash's
  await admin.query(`CREATE DATABASE ${quoteIdent(build)}`);
  await deployMigrations({ subgraph, url: withDatabase(serverUrl, build) });
  // The engine's connections are closed, but their backends may take a moment to exit.
  await retryWhileInUse(() =>
    admin.query(`ALTER DATABASE ${quoteIdent(build)} RENAME TO ${quoteIdent(name)}`),
  );
  await admin.query(
    `ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`,
  );
}

async function dropTemplate(admin: pg.Client, name: string) {
  await admin.query(`ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE false`);
  await admin.query(`DROP DATABASE ${quoteIdent(name)}`);
}
