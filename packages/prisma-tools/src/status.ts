import { databaseExists } from './database.ts';
import { NO_FILTERS, withSchemaEngine } from './engine/with-engine.ts';
import { readMigrations } from './migrations-dir.ts';
import { resolvePaths, type SubgraphOptions } from './paths.ts';

export type MigrationStatus = {
  /** In the migrations folder, not yet applied (all of them when the database is missing). */
  pending: string[];
  /** Applied, but migration.sql changed since (checksum mismatch). */
  edited: string[];
  /** Started and failed: nothing applies until `prisma migrate resolve` (or a fix). */
  failed: string[];
  /** Applied to the database but absent from the folder (another branch, a deleted file). */
  unknown: string[];
  /** Whether the database itself exists. */
  databaseExists: boolean;
};

/** Compares a database's `_prisma_migrations` with the migrations folder; changes nothing. */
export async function migrationStatus(options: SubgraphOptions): Promise<MigrationStatus> {
  const { migrationsDir, schemaPath } = resolvePaths(options);
  const migrationsList = await readMigrations(migrationsDir);
  if (!(await databaseExists(options.url))) {
    const pending = migrationsList.migrationDirectories.map((m) => m.path);
    return { pending, edited: [], failed: [], unknown: [], databaseExists: false };
  }
  const context = `status ${options.subgraph}`;
  const diagnosis = await withSchemaEngine(
    { url: options.url, schemaPath, context, onLog: options.onLog },
    (engine) =>
      engine.diagnoseMigrationHistory({
        migrationsList,
        optInToShadowDatabase: false,
        filters: NO_FILTERS,
      }),
  );
  const history = diagnosis.history;
  return {
    pending:
      history && history.diagnostic !== 'migrationsDirectoryIsBehind'
        ? history.unappliedMigrationNames
        : [],
    edited: diagnosis.editedMigrationNames,
    failed: diagnosis.failedMigrationNames,
    unknown:
      history && history.diagnostic !== 'databaseIsBehind' ? history.unpersistedMigrationNames : [],
    databaseExists: true,
  };
}
