import { LRUCache } from 'lru-cache';
import { sha256Hex } from '../sha256.ts';

/** What the full pipeline learned about one query text, for the fast path's cache key. */
export interface KnownOperation {
  /** `operationHash` of the parsed document (its printed form): the key's operation. */
  operationHash: string;
  /** The operation's name as resolved from the document (the key's name). */
  operationName: string | null;
  /** The supergraph it was validated against: under another one it is unknown. */
  supergraphHash: string;
}

export interface KnownOperations {
  /** The supergraph in service, as the response cache plugin last loaded it. */
  supergraphHash: string;
  /** The text's id in this index: its sha256 (also a persisted query list's id for it). */
  idOf(query: string): string;
  get(queryId: string, requestedName: string | undefined): KnownOperation | undefined;
  /** Called by the full pipeline once a query parsed, validated and resolved. */
  learn(query: string, requestedName: string | undefined, known: KnownOperation): void;
}

/**
 * Query texts the full pipeline has parsed, validated and resolved as queries, by the sha256 of
 * their exact text and the operation name the request asked for, mapped to what the cache key
 * needs. The fast path finds a text here or falls through: two spellings of one operation are
 * two texts (each learned on its first run), and a text maps only to the key the full pipeline
 * computed for it, so the fast path can not read another operation's entry. An LRU of at most
 * `maxEntries` (the same text every time costs one entry).
 */
export function createKnownOperations(maxEntries = 5000): KnownOperations {
  const known = new LRUCache<string, KnownOperation>({ max: maxEntries });
  const keyOf = (queryId: string, name: string | undefined) => `${queryId}\n${name ?? ''}`;
  return {
    supergraphHash: '',
    idOf: sha256Hex,
    get(queryId, requestedName) {
      return known.get(keyOf(queryId, requestedName));
    },
    learn(query, requestedName, operation) {
      known.set(keyOf(sha256Hex(query), requestedName), operation);
    },
  };
}
