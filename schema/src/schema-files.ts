import { join } from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeSupergraph } from './compose-supergraph.ts';
import { SUBGRAPHS } from './subgraphs.ts';

/** The committed schema folder (`schema/` at the repository root). */
export const SCHEMA_DIR = join(import.meta.dirname, '..');
export const API_SCHEMA_PATH = join(SCHEMA_DIR, 'api.graphql');

/**
 * Every generated file of `schema/`, freshly printed from the subgraphs' code and composed:
 * path → content. `compose` writes them, `check` compares them with what is committed.
 */
export async function renderSchemaFiles(): Promise<Map<string, string>> {
  const printed = await Promise.all(
    SUBGRAPHS.map(async ({ name, url, load }) => ({
      name,
      url,
      sdl: `${printSubgraphSchema(await load()).trim()}\n`,
    })),
  );
  const { supergraphSdl, apiSdl } = composeSupergraph(printed);
  const files = new Map<string, string>();
  for (const { name, sdl } of printed)
    files.set(join(SCHEMA_DIR, 'subgraphs', `${name}.graphql`), sdl);
  files.set(join(SCHEMA_DIR, 'supergraph.graphql'), `${supergraphSdl.trim()}\n`);
  files.set(API_SCHEMA_PATH, apiSdl);
  return files;
}
