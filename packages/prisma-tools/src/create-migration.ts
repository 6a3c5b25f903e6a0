import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffMigrationsToSchema } from './diff.ts';
import { withSchemaEngine } from './engine/with-engine.ts';
import { MigrationError } from './errors.ts';
import { LOCKFILE, LOCKFILE_CONTENT } from './migrations-dir.ts';
import { resolvePaths, type SubgraphOptions } from './paths.ts';

export type CreateMigrationOptions = SubgraphOptions & {
  /** Free text; becomes snake_case like `prisma migrate dev --name` does. */
  name: string;
  /** Default: now. The folder is named <YYYYMMDDHHMMSS in UTC>_<name>. */
  now?: Date;
};

/**
 * Writes the migration that takes the migrations folder to schema.prisma, as
 * `prisma migrate dev --create-only` would: <migrations>/<timestamp>_<name>/migration.sql
 * and migration_lock.toml. Returns the new folder's path, or null when nothing changed.
 * Uses a shadow database on the server of `url`; the database of `url` must exist.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<string | null> {
  const slug = migrationSlug(options.name);
  if (!slug) throw new MigrationError(`Bad migration name: "${options.name}"`, 'BAD_NAME');
  const { migrationsDir, schemaPath } = resolvePaths(options);
  const context = `create ${options.subgraph}`;
  const script = await withSchemaEngine(
    { url: options.url, schemaPath, context, onLog: options.onLog },
    (engine) => diffMigrationsToSchema(engine, migrationsDir, schemaPath),
  );
  if (!script) return null;
  const dir = join(migrationsDir, `${timestamp(options.now ?? new Date())}_${slug}`);
  if (existsSync(dir)) throw new MigrationError(`${dir} exists already`, 'EXISTS');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'migration.sql'), script, 'utf8');
  await writeFile(join(migrationsDir, LOCKFILE), LOCKFILE_CONTENT, 'utf8');
  return dir;
}

/** Like Prisma's slugify(name, { separator: '_' }) for ASCII names, at most 200 characters. */
export function migrationSlug(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
