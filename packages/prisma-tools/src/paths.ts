import { join } from 'node:path';
import { subgraphDir } from './migrations-dir.ts';

/** What every command is told: which subgraph, which database, optionally other files. */
export type SubgraphOptions = {
  /** A folder name under prisma/ holding a schema.prisma. */
  subgraph: string;
  /** postgres:// URL of the subgraph's database. */
  url: string;
  /** Default: prisma/<subgraph>/migrations (tests point it at a copy). */
  migrationsDir?: string;
  /** Default: prisma/<subgraph>/schema.prisma (tests point it at a copy). */
  schemaPath?: string;
  /** Receives the schema engine's log lines (JSON); dropped by default. */
  onLog?: (line: string) => void;
};

export function resolvePaths(options: SubgraphOptions): {
  migrationsDir: string;
  schemaPath: string;
} {
  const dir = options.migrationsDir && options.schemaPath ? '' : subgraphDir(options.subgraph);
  return {
    migrationsDir: options.migrationsDir ?? join(dir, 'migrations'),
    schemaPath: options.schemaPath ?? join(dir, 'schema.prisma'),
  };
}
