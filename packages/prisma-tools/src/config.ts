import { databaseUrlFor } from '@travel/config';

/**
 * The database URL configured for one subgraph: DATABASE_URL_<NAME>, else DATABASE_URL with
 * the database name replaced by <name>; undefined when neither is set.
 */
export function configuredDatabaseUrl(
  subgraph: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return databaseUrlFor(env, subgraph);
}
