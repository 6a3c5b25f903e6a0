import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { createEmptyTestDatabase, type TestDatabase } from '@travel/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../../subgraphs/accounts/src/generated/prisma/client.ts';
import { checkDrift, createMigration, deployMigrations, migrationStatus } from './index.ts';
import { repoRoot } from './migrations-dir.ts';

const accountsDir = join(repoRoot, 'prisma', 'accounts');
const subgraph = 'accounts';
const databases: TestDatabase[] = [];
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'prisma-tools-'));
});
afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()));
  await rm(scratch, { recursive: true, force: true });
});

async function emptyDatabase(): Promise<string> {
  const db = await createEmptyTestDatabase();
  databases.push(db);
  return db.url;
}

/** A copy of the accounts migrations that a test may edit. */
async function copyMigrations(name: string): Promise<string> {
  const dir = join(scratch, name);
  await cp(join(accountsDir, 'migrations'), dir, { recursive: true });
  return dir;
}

/** A copy of the accounts schema with one more column on User. */
async function schemaWithNickname(): Promise<string> {
  const original = await readFile(join(accountsDir, 'schema.prisma'), 'utf8');
  const changed = original.replace(/(model User \{\n)/, '$1  nickname String?\n');
  expect(changed).not.toBe(original);
  const path = join(scratch, `schema-${Math.random().toString(36).slice(2)}.prisma`);
  await writeFile(path, changed);
  return path;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('deployMigrations', () => {
  it('migrates a fresh database the way prisma migrate deploy does, once', async () => {
    const url = await emptyDatabase();
    const names = (await readdir(join(accountsDir, 'migrations'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(names.length).toBeGreaterThan(0);
    expect((await migrationStatus({ subgraph, url })).pending).toEqual(names);

    expect(await deployMigrations({ subgraph, url })).toEqual({ applied: names });

    // Same rows as Prisma's CLI: checksum = sha256 of migration.sql, finished, no logs.
    const rows = await query<{ migration_name: string; checksum: string; logs: string | null }>(
      url,
      'SELECT migration_name, checksum, logs FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
    );
    const expected = await Promise.all(
      names.map(async (name) => ({
        migration_name: name,
        checksum: createHash('sha256')
          .update(await readFile(join(accountsDir, 'migrations', name, 'migration.sql')))
          .digest('hex'),
        logs: null,
      })),
    );
    expect(rows).toEqual(expected);

    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      const created = await db.user.create({
        data: { email: 'ada@example.com', name: 'Ada', passwordHash: 'scrypt$x' },
      });
      const found = await db.user.findUnique({ where: { email: 'ada@example.com' } });
      expect(found).toMatchObject({ id: created.id, name: 'Ada', role: 'TRAVELER' });
    } finally {
      await db.$disconnect();
    }

    expect(await deployMigrations({ subgraph, url })).toEqual({ applied: [] });
    expect(await migrationStatus({ subgraph, url })).toEqual({
      pending: [],
      edited: [],
      failed: [],
      unknown: [],
      databaseExists: true,
    });
  });

  it('refuses to deploy once an applied migration was edited', async () => {
    const url = await emptyDatabase();
    const migrationsDir = await copyMigrations('edited');
    const [first] = (await deployMigrations({ subgraph, url, migrationsDir })).applied;
    if (!first) throw new Error('no migration applied');
    await writeFile(join(migrationsDir, first, 'migration.sql'), '-- edited\n', { flag: 'a' });

    expect((await migrationStatus({ subgraph, url, migrationsDir })).edited).toEqual([first]);
    await expect(deployMigrations({ subgraph, url, migrationsDir })).rejects.toMatchObject({
      name: 'MigrationError',
      code: 'EDITED',
      message: expect.stringContaining(first),
    });
  });

  it('runs a script whole and atomically, and stops after a failed migration', async () => {
    const url = await emptyDatabase();
    const migrationsDir = await copyMigrations('scripts');
    // $$ bodies and strings holding ";" broke @prisma/adapter-pg's executeScript.
    await mkdir(join(migrationsDir, '29990101000000_function'));
    await writeFile(
      join(migrationsDir, '29990101000000_function', 'migration.sql'),
      `CREATE FUNCTION shout(t text) RETURNS text AS $$\nBEGIN\n  RETURN upper(t) || ';';\nEND;\n$$ LANGUAGE plpgsql;\nCREATE TABLE notes (body text NOT NULL DEFAULT 'a;b');\n`,
    );
    await deployMigrations({ subgraph, url, migrationsDir });
    expect(await query(url, "SELECT shout('hi') AS s")).toEqual([{ s: 'HI;' }]);

    await mkdir(join(migrationsDir, '29990102000000_broken'));
    await writeFile(
      join(migrationsDir, '29990102000000_broken', 'migration.sql'),
      'CREATE TABLE half_done (id int);\nCREATE TABLE broken (id no_such_type);\n',
    );
    await expect(deployMigrations({ subgraph, url, migrationsDir })).rejects.toThrow(
      /no_such_type/,
    );
    expect(await query(url, "SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
    expect((await migrationStatus({ subgraph, url, migrationsDir })).failed).toEqual([
      '29990102000000_broken',
    ]);
    await expect(deployMigrations({ subgraph, url, migrationsDir })).rejects.toMatchObject({
      code: 'P3009',
    });
  });
});

describe('checkDrift and createMigration', () => {
  it('finds no drift between the committed schema and migrations', async () => {
    expect(await checkDrift({ subgraph, url: await emptyDatabase() })).toBe('');
  });

  it('reports a schema change that no migration holds, then writes it as a migration', async () => {
    const url = await emptyDatabase();
    const schemaPath = await schemaWithNickname();
    expect(await checkDrift({ subgraph, url, schemaPath })).toMatch(
      /ALTER TABLE "users" ADD COLUMN\s+"nickname" TEXT/,
    );

    const migrationsDir = await copyMigrations('create');
    const options = { subgraph, url, schemaPath, migrationsDir };
    const now = new Date(Date.UTC(2999, 0, 2, 3, 4, 5));
    const dir = await createMigration({ ...options, name: 'Add nickname', now });
    expect(dir).toBe(join(migrationsDir, '29990102030405_add_nickname'));
    expect(await readFile(join(dir ?? '', 'migration.sql'), 'utf8')).toMatch(/"nickname" TEXT/);
    expect(await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
      'provider = "postgresql"',
    );

    expect(await checkDrift(options)).toBe('');
    expect(await createMigration({ ...options, name: 'again' })).toBeNull();
    expect((await deployMigrations(options)).applied).toContain('29990102030405_add_nickname');
  });
});
