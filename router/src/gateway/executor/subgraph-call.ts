import type { GraphQLDataSource } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import type { FetchNode, ResponsePath } from '@apollo/query-planner';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { PlanExecution, ResultCursor, ResultMap } from './plan-execution.ts';
import { downstreamError } from './subgraph-errors.ts';

/** Where an error shows in the client's response; `order`: its rank among the call's errors. */
export type ClientPath = { path: ResponsePath | undefined; order?: number };

export function serviceOf(execution: PlanExecution, fetch: FetchNode): GraphQLDataSource {
  const service = execution.services.get(fetch.serviceName);
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  return service;
}

/** The operation's variables the fetch uses, as the client sent them. */
export function variablesOf(execution: PlanExecution, fetch: FetchNode): ResultMap {
  const variables = Object.create(null);
  const provided = execution.requestContext.request.variables;
  for (const name of fetch.variableUsages ?? []) {
    if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) {
      variables[name] = provided[name];
    }
  }
  return variables;
}

/** What a subgraph call sends: a fetch of the plan, or fetches batched into one document. */
export type SubgraphRequest = Pick<
  FetchNode,
  'serviceName' | 'operation' | 'operationName' | 'operationDocumentNode'
>;

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
type SubgraphErrors = SubgraphResponse['errors'];

/**
 * Sends the fetch through the subgraph's data source; its errors join the operation's, at
 * the client's paths `pathsOf` gives for each, in their order.
 */
export async function send(
  execution: PlanExecution,
  service: GraphQLDataSource,
  fetch: SubgraphRequest,
  cursor: ResultCursor,
  variables: ResultMap,
  pathsOf: (path: GraphQLFormattedError['path']) => ClientPath[],
): Promise<ResultMap | null | undefined> {
  const response = await call(execution, service, fetch, cursor, variables);
  reportErrors(execution, fetch.serviceName, response.errors, pathsOf);
  return response.data;
}

/** The request through the subgraph's data source, its answer as it came. */
export function call(
  execution: PlanExecution,
  service: GraphQLDataSource,
  request: SubgraphRequest,
  cursor: ResultCursor,
  variables: ResultMap,
): Promise<SubgraphResponse> {
  const { requestContext } = execution;
  return service.process({
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query: request.operation, variables, operationName: request.operationName },
    incomingRequestContext: requestContext,
    context: requestContext.context,
    document: request.operationDocumentNode,
    pathInIncomingRequest: cursor.path,
  });
}

/**
 * A subgraph's errors (about one fetch) as errors of the operation, at the client's paths
 * `pathsOf` gives for each, in their order.
 */
export function reportErrors(
  execution: PlanExecution,
  subgraph: string,
  errors: SubgraphErrors,
  pathsOf: (path: GraphQLFormattedError['path']) => ClientPath[],
): void {
  if (!errors) return;
  // An error about no entity stays after the one before it (a stable sort).
  const ordered: { order: number; error: GraphQLError }[] = [];
  let order = -1;
  for (const error of errors) {
    for (const at of pathsOf(error.path)) {
      order = at.order ?? order;
      ordered.push({ order, error: downstreamError(error, subgraph, at.path) });
    }
  }
  ordered.sort((a, b) => a.order - b.order);
  for (const { error } of ordered) execution.errors.push(error);
  const metrics = execution.requestContext.metrics;
  const paths = errors.map((error) => ({ subgraph, path: error.path }));
  if (metrics.nonFtv1ErrorPaths) metrics.nonFtv1ErrorPaths.push(...paths);
  else metrics.nonFtv1ErrorPaths = paths;
}
