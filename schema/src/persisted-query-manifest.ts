import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DefinitionNode, type DocumentNode, Kind, parse, print } from 'graphql';
import { SCHEMA_DIR } from './schema-files.ts';

/** One entry of Apollo's persisted query manifest. */
export interface ManifestOperation {
  /** sha256 (hex) of `body`, as Apollo's generator and clients compute it. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

/** Apollo's format (`@apollo/generate-persisted-query-manifest`), read by the router. */
export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

export const PARTNER_OPERATIONS_DIR = join(SCHEMA_DIR, 'operations', 'partner');
export const PARTNER_MANIFEST_PATH = join(SCHEMA_DIR, 'persisted-queries', 'partner.json');

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

const rank = (d: DefinitionNode) => (d.kind === Kind.OPERATION_DEFINITION ? 0 : 1);
const nameOf = (d: DefinitionNode) => ('name' in d && d.name ? d.name.value : '');

/**
 * The body clients send: printed (comments and layout gone) with operations first and
 * fragments after, each group by name — the order Apollo's generator prints, so the ids agree.
 */
export function canonicalBody(document: DocumentNode): string {
  const definitions = [...document.definitions].sort(
    (a, b) => rank(a) - rank(b) || nameOf(a).localeCompare(nameOf(b)),
  );
  return print({ ...document, definitions });
}

/** The manifest entry of a document holding exactly one named operation (and its fragments). */
export function manifestOperation(source: string, file: string): ManifestOperation {
  const document = parse(source, { noLocation: true });
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const [operation] = operations;
  if (operations.length !== 1 || !operation) {
    throw new Error(`${file}: expected exactly one operation, found ${operations.length}`);
  }
  if (!operation.name) throw new Error(`${file}: the operation needs a name`);
  const body = canonicalBody(document);
  return { id: sha256Hex(body), name: operation.name.value, type: operation.operation, body };
}

/** A manifest of every `.graphql` file of `dir`, ordered by operation name. */
export function manifestFromDirectory(dir: string): PersistedQueryManifest {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort();
  const operations = files
    .map((name) => manifestOperation(readFileSync(join(dir, name), 'utf8'), name))
    .sort((a, b) => a.name.localeCompare(b.name));
  const names = operations.map((o) => o.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new Error(`${dir}: operation ${duplicate} is defined twice`);
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** The committed text of a manifest. */
export function renderManifest(manifest: PersistedQueryManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
