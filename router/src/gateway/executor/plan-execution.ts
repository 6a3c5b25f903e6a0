import type { Operation } from '@apollo/federation-internals';
import type { ApolloGateway, GraphQLDataSource } from '@apollo/gateway';
import {
  evaluateCondition,
  type ParallelNode,
  type PlanNode,
  type ResponsePath,
} from '@apollo/query-planner';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { executeBatchedEntityFetches } from './execute-batched-fetches.ts';
import { catching, executeEntityFetches, executeFetch, type FetchAt } from './execute-fetch.ts';
import { parallelGroupsOf } from './parallel-groups.ts';

/** Subgraph JSON being merged, typed as @apollo/gateway types it (read and written freely). */
// biome-ignore lint/suspicious/noExplicitAny: untyped JSON from the subgraphs, by design.
export type ResultMap = Record<string, any>;
export type GatewayRequestContext = Parameters<ApolloGateway['executor']>[0];

/** One operation's execution: what every node of its plan reads, and the errors so far. */
export interface PlanExecution {
  requestContext: GatewayRequestContext;
  /** The operation result shaping reads (its variable definitions decide conditions). */
  operation: Operation;
  /** The supergraph as graphql-js sees it (requires may name @inaccessible elements). */
  supergraphSchema: GraphQLSchema;
  services: ReadonlyMap<string, GraphQLDataSource>;
  errors: GraphQLError[];
  /** Called with the representations a fetch did not send, being identical to one it sent. */
  onRepresentationsDeduplicated(subgraph: string, count: number): void;
  /** Called with the calls not made, their fetches batched into another call to `subgraph`. */
  onFetchesBatched(subgraph: string, count: number): void;
}

/** Where a plan node writes: `data`, the objects at `path` in `fullResult` (flattened). */
export interface ResultCursor {
  path: ResponsePath;
  data: ResultMap | ResultMap[];
  fullResult: ResultMap;
}

/**
 * Runs one plan node as @apollo/gateway's `executeNode` does (sequences in order, parallel
 * nodes together, a failed fetch an error of the operation and not a failure of it), without
 * building the trace tree it builds whether asked for or not.
 */
export async function executeNode(
  execution: PlanExecution,
  node: PlanNode,
  cursor: ResultCursor | undefined,
): Promise<void> {
  // Nothing where a flatten points (a parent field was null): nothing to fetch.
  if (!cursor) return;
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(execution, child, cursor);
      return;
    case 'Parallel':
      await executeParallel(execution, node, cursor);
      return;
    case 'Flatten':
      return executeNode(execution, node.node, moveInto(cursor, node.path));
    case 'Fetch':
      return catching(execution, executeFetch(execution, { fetch: node, cursor }));
    case 'Condition': {
      const { operation, requestContext } = execution;
      const holds = evaluateCondition(
        node,
        operation.variableDefinitions,
        requestContext.request.variables,
      );
      const branch = holds ? node.ifClause : node.elseClause;
      if (branch) await executeNode(execution, branch, cursor);
      return;
    }
    default:
      // Never reached: a plan with other nodes runs on the stock executor (prepared-operations).
      throw new Error(`Unsupported query plan node ${node.kind}`);
  }
}

/**
 * The nodes of a `Parallel` together; entity fetches among them asking the same subgraph the
 * same operation (the same fields of the same type, found at different paths) as one group,
 * and the groups of one subgraph as one call (parallel-groups.ts).
 */
async function executeParallel(
  execution: PlanExecution,
  node: ParallelNode,
  cursor: ResultCursor,
): Promise<void> {
  const { groupOf, calls, batchedOperation } = parallelGroupsOf(node);
  const work: Promise<void>[] = [];
  const groups: FetchAt[][] = [];
  node.nodes.forEach((child, index) => {
    const group = groupOf[index];
    if (group === undefined || child.kind !== 'Flatten' || child.node.kind !== 'Fetch') {
      work.push(executeNode(execution, child, cursor));
      return;
    }
    const at = moveInto(cursor, child.path);
    if (!at) return;
    const fetchAt = { fetch: child.node, cursor: at };
    const fetches = groups[group];
    if (fetches) fetches.push(fetchAt);
    else groups[group] = [fetchAt];
  });
  for (const call of calls) {
    const present = call.filter((group) => groups[group]);
    const [only] = present;
    if (only === undefined) continue;
    if (present.length === 1) {
      work.push(catching(execution, executeEntityFetches(execution, groups[only] as FetchAt[])));
      continue;
    }
    work.push(
      executeBatchedEntityFetches(
        execution,
        present.map((group) => groups[group] as FetchAt[]),
        (indexes) => batchedOperation(indexes.map((i) => present[i] as number)),
      ),
    );
  }
  await Promise.all(work);
}

function moveInto(cursor: ResultCursor, path: ResponsePath): ResultCursor | undefined {
  const data = flatten(cursor.data, path, 0);
  return data ? { path: cursor.path.concat(path), data, fullResult: cursor.fullResult } : undefined;
}

/** The objects at `path` (from its element `at` on), lists flattened at each `@`. */
function flatten(
  value: ResultMap | ResultMap[] | undefined,
  path: ResponsePath,
  at: number,
): typeof value {
  if (at === path.length || value === undefined || value === null) return value;
  const current = path[at];
  if (current === '@') {
    const found: ResultMap[] = [];
    for (const element of value as ResultMap[]) {
      const inner = flatten(element, path, at + 1);
      // As `flatMap` does: a list's elements, anything else as it is (null included).
      if (Array.isArray(inner)) for (const item of inner) found.push(item);
      else found.push(inner as ResultMap);
    }
    return found;
  }
  if (typeof current !== 'string') throw new Error(`Unexpected ${typeof current} found in path`);
  if (Array.isArray(value))
    throw new Error(`Unexpected array in result for path element ${current}`);
  return flatten(Object.hasOwn(value, current) ? value[current] : undefined, path, at + 1);
}
