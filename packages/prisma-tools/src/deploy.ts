import { NO_FILTERS, withSchemaEngine } from './engine/with-engine.ts';
import { MigrationError } from './errors.ts';
import { readMigrations } from './migrations-dir.ts';
import { resolvePaths, type SubgraphOptions } from './paths.ts';

/**
 * Applies the pending migrations of one subgraph, like `prisma migrate deploy` (same
 * `_prisma_migrations` rows and checksums, same advisory lock against concurrent deploys).
 * Idempotent: with nothing pending it applies nothing. Stricter than Prisma on purpose: it
 * refuses to run while an applied migration was edited, as well as after a failed one.
 */
export async function deployMigrations(options: SubgraphOptions): Promise<{ applied: string[] }> {
  const { migrationsDir, schemaPath } = resolvePaths(options);
  const migrationsList = await readMigrations(migrationsDir);
  const context = `deploy ${options.subgraph}`;
  return withSchemaEngine(
    { url: options.url, schemaPath, context, onLog: options.onLog },
    async (engine) => {
      const diagnosis = await engine.diagnoseMigrationHistory({
        migrationsList,
        optInToShadowDatabase: false,
        filters: NO_FILTERS,
      });
      if (diagnosis.failedMigrationNames.length > 0) {
        throw new MigrationError(
          `${context}: failed migration(s) ${diagnosis.failedMigrationNames.join(', ')} must be ` +
            'resolved first (fix the database, then `prisma migrate resolve`)',
          'P3009',
        );
      }
      if (diagnosis.editedMigrationNames.length > 0) {
        throw new MigrationError(
          `${context}: applied migration(s) ${diagnosis.editedMigrationNames.join(', ')} were ` +
            'edited after being applied (checksum mismatch); restore them and add a new migration',
          'EDITED',
        );
      }
      const { appliedMigrationNames } = await engine.applyMigrations({
        migrationsList,
        filters: NO_FILTERS,
      });
      return { applied: appliedMigrationNames };
    },
  );
}
