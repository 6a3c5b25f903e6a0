import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { memoizePerSchemaAndDocument } from '../schema-document-memo.ts';
import type { CostDirectives } from './cost-directives.ts';
import { costVariablesKey } from './cost-variables-key.ts';
import { estimateCost } from './estimate-cost.ts';

export interface CostMemoOptions {
  /** The supergraph's declarations: a memo serves one supergraph (make a new one on reload). */
  directives: CostDirectives;
  defaultListSize: number;
  /** Estimates kept per operation, the most recently used (default 64). */
  entriesPerOperation?: number;
}

/** `estimateCost` of an operation with its coerced variables, remembered. */
export type MemoizedEstimate = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
) => number;

/** What one document keeps: its fragments, and the estimates of each of its operations. */
interface DocumentCosts {
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  byOperation: WeakMap<OperationDefinitionNode, LRUCache<string, number>>;
}

/**
 * The estimate walks the whole document; per request only the variables change, and only a
 * few of their values matter (`costVariablesKey`). Estimates are kept per (schema, document,
 * operation) and that key, in a small LRU: a hit costs coercing the variables and printing
 * the key. Apollo Server hands every request of one text the same parsed document, so a
 * document stays as long as its text is in Apollo's document store.
 */
export function createCostMemo({
  directives,
  defaultListSize,
  entriesPerOperation = 64,
}: CostMemoOptions): MemoizedEstimate {
  const documents = memoizePerSchemaAndDocument(
    (_schema, document): DocumentCosts => ({
      fragments: fragmentsOf(document),
      byOperation: new WeakMap(),
    }),
  );

  return (schema, document, operation, variables) => {
    const { fragments, byOperation } = documents(schema, document);
    let costs = byOperation.get(operation);
    if (!costs) {
      costs = new LRUCache({ max: entriesPerOperation });
      byOperation.set(operation, costs);
    }
    const key = costVariablesKey(operation.variableDefinitions ?? [], variables);
    const known = costs.get(key);
    if (known !== undefined) return known;
    const cost = estimateCost({
      schema,
      operation,
      fragments,
      variables,
      directives,
      defaultListSize,
    });
    costs.set(key, cost);
    return cost;
  };
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments[definition.name.value] = definition;
    }
  }
  return fragments;
}
