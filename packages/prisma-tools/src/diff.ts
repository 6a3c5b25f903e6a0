import { readFile } from 'node:fs/promises';
import type { SchemaEngine } from './engine/load-engine.ts';
import { NO_FILTERS } from './engine/with-engine.ts';
import { readMigrations } from './migrations-dir.ts';

/**
 * The SQL that takes a database built from the migrations folder to what schema.prisma
 * describes ('' when they agree). The engine replays the migrations into a shadow database.
 */
export async function diffMigrationsToSchema(
  engine: SchemaEngine,
  migrationsDir: string,
  schemaPath: string,
): Promise<string> {
  const migrations = await readMigrations(migrationsDir);
  const content = await readFile(schemaPath, 'utf8');
  const result = await engine.diff({
    from: { tag: 'migrations', ...migrations },
    to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content }] },
    script: true,
    // With exitCode the engine says 2 for "there is a difference", 0 for none: an empty diff
    // is still rendered as a comment, so the text alone can not tell.
    exitCode: true,
    filters: NO_FILTERS,
  });
  return result.exitCode === 2 ? (result.stdout ?? '') : '';
}
