import type { Operation } from '@apollo/federation-internals';
import type { ApolloGateway, GraphQLDataSource } from '@apollo/gateway';
import { evaluateCondition, type PlanNode, type ResponsePath } from '@apollo/query-planner';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { executeFetch } from './execute-fetch.ts';

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
      await Promise.all(node.nodes.map((child) => executeNode(execution, child, cursor)));
      return;
    case 'Flatten':
      return executeNode(execution, node.node, moveInto(cursor, node.path));
    case 'Fetch':
      try {
        await executeFetch(execution, node, cursor);
      } catch (error) {
        execution.errors.push(error as GraphQLError);
      }
      return;
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

function moveInto(cursor: ResultCursor, path: ResponsePath): ResultCursor | undefined {
  const data = flatten(cursor.data, path);
  return data ? { path: cursor.path.concat(path), data, fullResult: cursor.fullResult } : undefined;
}

function flatten(value: ResultMap | ResultMap[] | undefined, path: ResponsePath): typeof value {
  if (path.length === 0 || value === undefined || value === null) return value;
  const [current, ...rest] = path;
  if (current === '@') {
    return (value as ResultMap[]).flatMap((element) => flatten(element, rest) as ResultMap);
  }
  if (typeof current !== 'string') throw new Error(`Unexpected ${typeof current} found in path`);
  if (Array.isArray(value))
    throw new Error(`Unexpected array in result for path element ${current}`);
  return flatten(Object.hasOwn(value, current) ? value[current] : undefined, rest);
}
