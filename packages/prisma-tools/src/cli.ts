// The db:* scripts: `tsx packages/prisma-tools/src/cli.ts <deploy|create|drift|status>`.
// Database URLs: see cli-urls.ts. Exit code 0 on success, 1 on failure or drift.
import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import { createDatabaseUrls, type DatabaseUrls } from './cli-urls.ts';
import { createMigration } from './create-migration.ts';
import { dropDatabase, ensureDatabase, redactUrl, withDatabase } from './database.ts';
import { deployMigrations } from './deploy.ts';
import { checkDrift } from './drift.ts';
import { listSubgraphs, repoRoot } from './migrations-dir.ts';
import { migrationStatus } from './status.ts';

type Command = (urls: DatabaseUrls, args: string[]) => Promise<number>;

const USAGE = `usage: cli.ts deploy | create <subgraph> <name> | drift | status`;

/** Applies pending migrations of every subgraph, creating missing databases. */
const deploy: Command = async (urls) => {
  let failures = 0;
  for (const subgraph of listSubgraphs()) {
    const url = await urls.urlFor(subgraph);
    try {
      await ensureDatabase(url);
      const { applied } = await deployMigrations({ subgraph, url });
      console.log(
        applied.length
          ? `${subgraph}: applied ${applied.join(', ')}`
          : `${subgraph}: up to date (${redactUrl(url)})`,
      );
    } catch (error) {
      failures++;
      console.error(`${subgraph}: ${(error as Error).message}`);
    }
  }
  return failures ? 1 : 0;
};

/** Writes prisma/<subgraph>/migrations/<timestamp>_<name>/ from schema.prisma. */
const create: Command = async (urls, [subgraph, ...words]) => {
  if (!subgraph || words.length === 0) {
    console.error(USAGE);
    return 1;
  }
  const url = await urls.urlFor(subgraph);
  await ensureDatabase(url);
  const dir = await createMigration({ subgraph, name: words.join(' '), url });
  console.log(dir ? `created ${relative(repoRoot, dir)}` : `${subgraph}: no schema change`);
  return 0;
};

/** Fails when a schema.prisma holds changes no migration does. Uses throwaway databases. */
const drift: Command = async (urls) => {
  const subgraphs = listSubgraphs();
  // In parallel: each replays its migrations into its own shadow database.
  const results = await Promise.all(
    subgraphs.map(async (subgraph) => {
      // Only a shadow database is written to; the main connection goes to a scratch
      // database so that not even a read touches real data.
      const scratch = `travel_drift_${randomBytes(6).toString('hex')}`;
      const url = withDatabase(await urls.urlFor(subgraph), scratch);
      await ensureDatabase(url);
      try {
        return await checkDrift({ subgraph, url });
      } finally {
        await dropDatabase(url);
      }
    }),
  );
  const drifted = subgraphs.filter((_, i) => results[i]);
  subgraphs.forEach((subgraph, i) => {
    if (results[i]) {
      console.error(`${subgraph}: schema.prisma has changes no migration holds:\n${results[i]}`);
    } else {
      console.log(`${subgraph}: no drift`);
    }
  });
  if (drifted.length === 0) return 0;
  console.error(`drift in: ${drifted.join(', ')} (run pnpm db:migration <subgraph> <name>)`);
  return 1;
};

/** Prints pending, edited, failed and unknown migrations of every subgraph. */
const status: Command = async (urls) => {
  let problems = 0;
  for (const subgraph of listSubgraphs()) {
    const s = await migrationStatus({ subgraph, url: await urls.urlFor(subgraph) });
    const parts = [
      s.databaseExists ? '' : 'database missing',
      s.pending.length ? `pending: ${s.pending.join(', ')}` : '',
      s.edited.length ? `EDITED: ${s.edited.join(', ')}` : '',
      s.failed.length ? `FAILED: ${s.failed.join(', ')}` : '',
      s.unknown.length ? `not in folder: ${s.unknown.join(', ')}` : '',
    ].filter(Boolean);
    if (s.edited.length || s.failed.length) problems++;
    console.log(`${subgraph}: ${parts.length ? parts.join('; ') : 'up to date'}`);
  }
  return problems ? 1 : 0;
};

const commands: Record<string, Command> = { deploy, create, drift, status };

const [name = '', ...args] = process.argv.slice(2);
const command = commands[name];
let exitCode = 1;
if (!command) {
  console.error(USAGE);
} else {
  const urls = createDatabaseUrls();
  try {
    exitCode = await command(urls, args);
  } catch (error) {
    console.error((error as Error).message);
  } finally {
    await urls.close();
  }
}
// The schema engine leaves a 10 s timer behind; do not wait for it.
process.exit(exitCode);
