import { type Operation, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { buildOperationContext } from '@apollo/gateway';
import type { OperationContext } from '@apollo/gateway/dist/operationContext.js';
import type { PlanNode, QueryPlanner, SubscriptionNode } from '@apollo/query-planner';
import { type DocumentNode, Kind } from 'graphql';
import { LRUCache } from 'lru-cache';
import { compileShaping, type ShapeResponse } from './result-shaping.ts';

/** Everything derived from one operation of one document, computed once and reused. */
export interface PreparedOperation {
  operationContext: OperationContext;
  /** Planned on first call (after the variables were checked, as @apollo/gateway does). */
  planned(): PlannedOperation;
}

export interface PlannedOperation {
  /** The plan's root; absent for an operation needing no fetch (`{ __typename }`). */
  root: PlanNode | undefined;
  /** The operation as result shaping reads it (unvalidated, as @apollo/gateway builds it). */
  shaping: Operation | Error;
  /** The result shaping of `shaping`, compiled (absent when `shaping` is an error). */
  shape: ShapeResponse | undefined;
  /** False when the plan holds a node only the stock executor handles (`@defer`). */
  supported: boolean;
}

export interface PreparedOperationsOptions {
  /** The API schema the planner plans against. */
  apiSchema: Schema;
  planner: QueryPlanner;
  /** Distinct operations kept (least recently used dropped first); default 1000. */
  maxEntries?: number;
}

export interface PreparedOperations {
  /**
   * The operation named `operationName` of `document` (whose hash is `queryHash`), prepared
   * on first use. Throws what @apollo/gateway throws for the same document (an unknown
   * operation name, a planning error), and caches nothing then.
   */
  get(
    queryHash: string,
    document: DocumentNode,
    operationName: string | undefined,
    schema: OperationContext['schema'],
  ): PreparedOperation;
}

/**
 * Prepared operations of one schema, keyed like @apollo/gateway's plan cache (query hash and
 * operation name) without hashing them again per request. A new schema gets a new instance.
 */
export function createPreparedOperations(options: PreparedOperationsOptions): PreparedOperations {
  const { apiSchema, planner, maxEntries = 1000 } = options;
  const entries = new LRUCache<string, PreparedOperation>({ max: maxEntries });
  return {
    get(queryHash, document, operationName, schema) {
      const key = operationName ? `${queryHash}:${operationName}` : queryHash;
      const cached = entries.get(key);
      if (cached) return cached;
      const prepared = prepare(apiSchema, planner, document, operationName, schema);
      entries.set(key, prepared);
      return prepared;
    },
  };
}

function prepare(
  apiSchema: Schema,
  planner: QueryPlanner,
  document: DocumentNode,
  operationName: string | undefined,
  schema: OperationContext['schema'],
): PreparedOperation {
  const operationContext = buildOperationContext({
    schema,
    operationDocument: document,
    operationName,
  });
  let planned: PlannedOperation | undefined;
  return {
    operationContext,
    planned: () => {
      planned ??= plan(apiSchema, planner, document, operationName, operationContext);
      return planned;
    },
  };
}

function plan(
  apiSchema: Schema,
  planner: QueryPlanner,
  document: DocumentNode,
  operationName: string | undefined,
  operationContext: OperationContext,
): PlannedOperation {
  const queryPlan = planner.buildQueryPlan(
    operationFromDocument(apiSchema, document, { operationName }),
  );
  let shaping: Operation | Error;
  let shape: ShapeResponse | undefined;
  try {
    shaping = operationFromDocument(
      apiSchema,
      {
        kind: Kind.DOCUMENT,
        definitions: [operationContext.operation, ...Object.values(operationContext.fragments)],
      },
      { validate: false },
    );
    shape = compileShaping(shaping);
  } catch (error) {
    shaping = error instanceof Error ? error : new Error(String(error));
  }
  const { node } = queryPlan;
  const supported = !node || isSupported(node);
  const root = supported ? (node as PlanNode | undefined) : undefined;
  return { root, shaping, shape, supported };
}

function isSupported(node: PlanNode | SubscriptionNode): boolean {
  switch (node.kind) {
    case 'Fetch':
      return true;
    case 'Sequence':
    case 'Parallel':
      return node.nodes.every(isSupported);
    case 'Flatten':
      return isSupported(node.node);
    case 'Condition':
      return (
        (!node.ifClause || isSupported(node.ifClause)) &&
        (!node.elseClause || isSupported(node.elseClause))
      );
    default:
      return false;
  }
}
