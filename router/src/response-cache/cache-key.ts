import { type DocumentNode, print } from 'graphql';
import { sha256Hex } from '../sha256.ts';

// Apollo Server hands every request with the same text the same parsed document (its
// document store), so the print below runs once per operation text, not once per request.
const printedHashes = new WeakMap<DocumentNode, string>();

/**
 * The operation's identity in cache keys: the hash of the document as graphql-js prints it,
 * so whitespace, commas and comments do not matter, and a persisted id (APQ or a persisted
 * query list) shares the entry of the same operation sent as full text.
 */
export function operationHash(document: DocumentNode): string {
  let hash = printedHashes.get(document);
  if (hash === undefined) {
    hash = sha256Hex(print(document));
    printedHashes.set(document, hash);
  }
  return hash;
}

/**
 * JSON with object keys sorted at every depth: `{a, b}` and `{b, a}` are the same variables.
 * What `JSON.stringify` would print of the value with its objects' keys sorted (undefined
 * members left out, undefined in arrays printed as null), written in one pass: it runs on every
 * cache lookup.
 */
export function stableStringify(value: unknown): string {
  return stable(value) ?? 'null';
}

function stable(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const json = (value as { toJSON?: unknown }).toJSON;
  if (typeof json === 'function') return stable(json.call(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++)
      out += `${i > 0 ? ',' : ''}${stable(value[i]) ?? 'null'}`;
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of sortedKeys(record)) {
    const inner = stable(record[key]);
    if (inner === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${inner}`;
  }
  return `${out}}`;
}

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

/**
 * The keys in the order an object built with them sorted has (what the replacer this replaced
 * printed): array-index keys first, ascending (`Object.keys` lists them so already), then the
 * others sorted.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  let indexes = 0;
  while (indexes < keys.length && isIndex(keys[indexes] as string)) indexes++;
  if (indexes === 0) return keys.sort();
  return [...keys.slice(0, indexes), ...keys.slice(indexes).sort()];
}

const isIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 4294967295;

/**
 * Whose entry it is. PUBLIC entries are kept apart for anonymous and signed-in callers (as
 * Apollo's response-cache plugin does): a field that answers differently once signed in but
 * lacks its PRIVATE hint then never shows a signed-in answer to an anonymous caller.
 */
export type CacheScope =
  | { kind: 'public'; signedIn: boolean }
  | { kind: 'private'; userId: string };

export interface OperationKey {
  operationHash: string;
  operationName: string | null;
  variables: Record<string, unknown> | undefined;
  /** Hash of the supergraph in service: a new supergraph starts with an empty cache. */
  supergraphHash: string;
}

/**
 * The scopes a lookup reads, most specific first: a signed-in caller's own PRIVATE entries,
 * then signed-in PUBLIC ones; an anonymous caller anonymous PUBLIC entries only.
 */
export function lookupScopes(userId: string | undefined): CacheScope[] {
  return userId
    ? [
        { kind: 'private', userId },
        { kind: 'public', signedIn: true },
      ]
    : [{ kind: 'public', signedIn: false }];
}

const whoOf = (scope: CacheScope) =>
  scope.kind === 'private'
    ? `private:${scope.userId}`
    : `public:${scope.signedIn ? 'signed-in' : 'anonymous'}`;

/**
 * The cache key of one operation for each scope (a hash: keys stay short whatever the input).
 * The operation and its variables are serialized once for all of them.
 */
export function cacheKeys(operation: OperationKey, scopes: readonly CacheScope[]): string[] {
  // 2: entries hold the answer's bytes (`CachedResponse.body`); 1 held its data.
  const start = stableStringify([
    2,
    operation.supergraphHash,
    operation.operationHash,
    operation.operationName,
    operation.variables ?? {},
  ]).slice(0, -1);
  // Exactly `stableStringify([2, …, variables, who])`: keys stored before stay valid.
  return scopes.map((scope) => sha256Hex(`${start},${JSON.stringify(whoOf(scope))}]`));
}

/** The cache key of one operation for one scope. */
export function cacheKey(operation: OperationKey, scope: CacheScope): string {
  return cacheKeys(operation, [scope])[0] as string;
}
