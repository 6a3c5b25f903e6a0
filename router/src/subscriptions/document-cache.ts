import type { DocumentNode, FieldNode, OperationDefinitionNode } from 'graphql';
import { type EntityQuery, toEntityQuery } from './entity-query.ts';
import { type StateFields, stateFieldsOf } from './state-overlay.ts';

export interface SubscriptionDocuments {
  /** A text parsed and validated before against the schema in service, or undefined. */
  get(text: string): DocumentNode | undefined;
  /** Remembers a text that parsed and validated (never an invalid one). */
  set(text: string, document: DocumentNode): void;
  /** The re-read query and state fields of a subscription's root field, computed once. */
  entityQuery(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    root: FieldNode,
    read: string,
  ): { query: EntityQuery; stateFields: StateFields };
}

/**
 * What every subscription of one text shares, the way Apollo Server caches parsed and validated
 * documents for HTTP: 10,000 subscribers of a few app operations hold a few documents and
 * re-read queries, not 10,000 copies (memory), and parse and validate each text once (CPU). An
 * LRU of at most `maxEntries` texts; one cache per schema (a new supergraph starts afresh).
 */
export function createSubscriptionDocuments(maxEntries = 1000): SubscriptionDocuments {
  const documents = new Map<string, DocumentNode>();
  // Keyed by the root field node, which lives as long as its (cached) document.
  const derived = new WeakMap<
    FieldNode,
    Map<string, ReturnType<SubscriptionDocuments['entityQuery']>>
  >();
  return {
    get(text) {
      const document = documents.get(text);
      if (document) {
        documents.delete(text);
        documents.set(text, document);
      }
      return document;
    },
    set(text, document) {
      documents.delete(text);
      documents.set(text, document);
      if (documents.size > maxEntries) documents.delete(documents.keys().next().value as string);
    },
    entityQuery(document, operation, root, read) {
      const byRead = derived.get(root) ?? new Map();
      derived.set(root, byRead);
      let found = byRead.get(read);
      if (!found) {
        found = {
          query: toEntityQuery(document, operation, root, read),
          stateFields: stateFieldsOf(document, root.selectionSet),
        };
        byRead.set(read, found);
      }
      return found;
    },
  };
}
