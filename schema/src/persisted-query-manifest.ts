import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  generatePersistedQueryManifest,
  type PersistedQueryManifest,
} from '@apollo/generate-persisted-query-manifest';
import { SCHEMA_DIR } from './schema-files.ts';

export type {
  PersistedQueryManifest,
  PersistedQueryManifestOperation as ManifestOperation,
} from '@apollo/generate-persisted-query-manifest';

export const PARTNER_OPERATIONS_DIR = join(SCHEMA_DIR, 'operations', 'partner');
export const PARTNER_MANIFEST_PATH = join(SCHEMA_DIR, 'persisted-queries', 'partner.json');

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The manifest of every `.graphql` file of `dir`, written by Apollo's own generator
 * (`@apollo/generate-persisted-query-manifest`): it runs each operation through an Apollo
 * Client with its default document transforms (`__typename` added to every selection set) and
 * prints it as the client sends it, so the ids match what a partner's Apollo Client computes.
 * The generator reports bad documents (anonymous operations, duplicate names, unknown
 * fragments) itself, and exits the process.
 */
export function manifestFromDirectory(dir: string): Promise<PersistedQueryManifest> {
  return generatePersistedQueryManifest({ documents: [join(dir, '*.graphql')] }, undefined);
}

/** The committed text of a manifest: the generator's CLI output, plus a final newline. */
export function renderManifest(manifest: PersistedQueryManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
