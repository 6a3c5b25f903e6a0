import { createHash } from 'node:crypto';
import { type DocumentNode, print } from 'graphql';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

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
    hash = sha256(print(document));
    printedHashes.set(document, hash);
  }
  return hash;
}

/** JSON with object keys sorted at every depth: `{a, b}` and `{b, a}` are the same variables. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const record = inner as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, record[key]]),
    );
  });
}

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

/** The cache key of one operation for one scope (a hash: keys stay short whatever the input). */
export function cacheKey(operation: OperationKey, scope: CacheScope): string {
  const who =
    scope.kind === 'private'
      ? `private:${scope.userId}`
      : `public:${scope.signedIn ? 'signed-in' : 'anonymous'}`;
  return sha256(
    // 2: entries hold the answer's bytes (`CachedResponse.body`); 1 held its data.
    stableStringify([
      2,
      operation.supergraphHash,
      operation.operationHash,
      operation.operationName,
      operation.variables ?? {},
      who,
    ]),
  );
}
