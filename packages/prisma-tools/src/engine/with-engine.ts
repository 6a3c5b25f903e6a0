import { readFile } from 'node:fs/promises';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaFilter } from '@prisma/schema-engine-wasm';
import { toMigrationError } from '../errors.ts';
import { createMigrationAdapterFactory } from './adapter-factory.ts';
import { loadSchemaEngine, type SchemaEngine, takePanicMessage } from './load-engine.ts';

/** No table or enum is managed outside Prisma here (prisma.config.ts `tables.external`). */
export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

export type EngineOptions = {
  /** The main database the engine connects to at once; it must exist. */
  url: string;
  /** Path of the schema.prisma the engine is constructed with. */
  schemaPath: string;
  /** Prefix of error messages, e.g. "deploy accounts". */
  context: string;
  /** Receives the engine's log lines (JSON); dropped by default. */
  onLog?: (line: string) => void;
};

/**
 * Runs `work` with a schema engine bound to `url`, then frees the engine and closes every
 * connection and shadow database it opened, even when `work` throws. Engine failures come
 * out as MigrationError.
 */
export async function withSchemaEngine<T>(
  { url, schemaPath, context, onLog }: EngineOptions,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const SchemaEngineClass = await loadSchemaEngine();
  const factory = createMigrationAdapterFactory(url);
  const datamodel = await readFile(schemaPath, 'utf8');
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngineClass.new(
      { datamodels: [[schemaPath, datamodel]] },
      (line: string) => onLog?.(line),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return await work(engine);
  } catch (error) {
    const panic = takePanicMessage();
    throw toMigrationError(error, panic ? `${context} (engine panicked: ${panic})` : context);
  } finally {
    try {
      engine?.free();
    } catch {
      // After a panic the engine is still marked borrowed and can not be freed; let it leak.
    }
    await factory.close();
  }
}
