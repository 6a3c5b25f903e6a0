import { diffMigrationsToSchema } from './diff.ts';
import { withSchemaEngine } from './engine/with-engine.ts';
import { resolvePaths, type SubgraphOptions } from './paths.ts';

/**
 * The SQL that schema.prisma implies and no migration holds ('' when none): a schema edit
 * someone forgot to turn into a migration. Reads the database of `url` (which must exist)
 * and creates a throwaway shadow database beside it; writes nothing else.
 */
export async function checkDrift(options: SubgraphOptions): Promise<string> {
  const { migrationsDir, schemaPath } = resolvePaths(options);
  const context = `drift ${options.subgraph}`;
  return withSchemaEngine(
    { url: options.url, schemaPath, context, onLog: options.onLog },
    (engine) => diffMigrationsToSchema(engine, migrationsDir, schemaPath),
  );
}
