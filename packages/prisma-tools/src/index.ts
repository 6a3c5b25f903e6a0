export { type CreateMigrationOptions, createMigration, migrationSlug } from './create-migration.ts';
export {
  canConnect,
  databaseExists,
  dropDatabase,
  ensureDatabase,
  quoteIdent,
  redactUrl,
  withDatabase,
} from './database.ts';
export { deployMigrations } from './deploy.ts';
export { checkDrift } from './drift.ts';
export {
  type EmbeddedPostgresOptions,
  freePort,
  type RunningPostgres,
  startEmbeddedPostgres,
} from './embedded-postgres.ts';
export { MigrationError } from './errors.ts';
export { listSubgraphs, readMigrations, repoRoot } from './migrations-dir.ts';
export type { SubgraphOptions } from './paths.ts';
export { type MigrationStatus, migrationStatus } from './status.ts';
