import { Kind, parse } from 'graphql';
import { sha256Hex } from '../sha256.ts';

/** One operation a manifest lists; `id` is the sha256 (hex) of `body`. */
export interface ListedOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

const FORMAT = 'apollo-persisted-query-manifest';
const TYPES = new Set(['query', 'mutation', 'subscription']);

/** A manifest the router refuses; the message names the file and the entry. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

/**
 * The operations of one manifest in Apollo's format
 * (`{"format":"apollo-persisted-query-manifest","version":1,"operations":[{id,name,type,body}]}`).
 * Every entry is checked: its body must parse, hold an operation of that name and type, and
 * hash to its id — a list that could map an id to other text would defeat the safelist.
 */
export function parseManifest(text: string, file: string): ListedOperation[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`${file}: not JSON (${(error as Error).message})`);
  }
  const manifest = json as Record<string, unknown> | null;
  if (typeof manifest !== 'object' || manifest === null || manifest.format !== FORMAT) {
    throw new ManifestError(`${file}: "format" must be "${FORMAT}"`);
  }
  if (manifest.version !== 1) throw new ManifestError(`${file}: "version" must be 1`);
  if (!Array.isArray(manifest.operations)) {
    throw new ManifestError(`${file}: "operations" must be an array`);
  }
  return manifest.operations.map((entry, index) =>
    checkEntry(entry, `${file}: operations[${index}]`),
  );
}

function checkEntry(entry: unknown, where: string): ListedOperation {
  const { id, name, type, body } = (entry ?? {}) as Record<string, unknown>;
  if (typeof name !== 'string' || name === '')
    throw new ManifestError(`${where}: "name" is missing`);
  const at = `${where} (${name})`;
  if (typeof id !== 'string' || typeof body !== 'string') {
    throw new ManifestError(`${at}: "id" and "body" must be strings`);
  }
  if (typeof type !== 'string' || !TYPES.has(type)) {
    throw new ManifestError(`${at}: "type" must be query, mutation or subscription`);
  }
  if (id !== sha256Hex(body)) throw new ManifestError(`${at}: "id" is not the sha256 of "body"`);
  let definitions: ReturnType<typeof parse>['definitions'];
  try {
    definitions = parse(body, { noLocation: true }).definitions;
  } catch (error) {
    throw new ManifestError(`${at}: "body" does not parse (${(error as Error).message})`);
  }
  const declared = definitions.some(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name && d.operation === type,
  );
  if (!declared) throw new ManifestError(`${at}: "body" has no ${type} named ${name}`);
  return { id, name, type: type as ListedOperation['type'], body };
}
