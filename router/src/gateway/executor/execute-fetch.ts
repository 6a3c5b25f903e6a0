import type { GraphQLDataSource } from '@apollo/gateway';
import { applyRewrites } from '@apollo/gateway/dist/dataRewrites.js';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { deepMerge } from '@apollo/gateway/dist/utilities/deepMerge.js';
import type { FetchNode, ResponsePath } from '@apollo/query-planner';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { representationsOf } from './entity-representations.ts';
import type { PlanExecution, ResultCursor, ResultMap } from './plan-execution.ts';
import { downstreamError, hydratedPaths } from './subgraph-errors.ts';

/** Where an error shows in the client's response; `order`: the entity it is about, if one. */
type ClientPath = { path: ResponsePath | undefined; order?: number };

/**
 * One fetch of the plan, as @apollo/gateway's `executeFetch` does it (same request to the data
 * source, same merging, same errors) without trace or span objects, and with each distinct
 * entity representation sent once: an answer for a representation is merged into every entity
 * it stands for, and an error about it reported at each of their paths.
 */
export async function executeFetch(
  execution: PlanExecution,
  fetch: FetchNode,
  cursor: ResultCursor,
): Promise<void> {
  const service = execution.services.get(fetch.serviceName);
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities: ResultMap[] = Array.isArray(cursor.data)
    ? cursor.data.filter((entity) => entity != null)
    : [cursor.data];
  if (entities.length < 1) return;

  const variables = Object.create(null);
  const provided = execution.requestContext.request.variables;
  for (const name of fetch.variableUsages ?? []) {
    if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) {
      variables[name] = provided[name];
    }
  }
  const { supergraphSchema } = execution;

  if (!fetch.requires) {
    const data = await send(execution, service, fetch, cursor, variables, (path) => [
      { path: path ? [...cursor.path, ...path] : undefined },
    ]);
    if (data) applyRewrites(supergraphSchema, fetch.outputRewrites, data);
    for (const entity of entities) deepMerge(entity, data);
    return;
  }

  const { unique, uniqueIndexOf, entityIndexOf } = representationsOf(
    supergraphSchema,
    entities,
    fetch.requires,
    (representation) => applyRewrites(supergraphSchema, fetch.inputRewrites, representation),
  );
  if (unique.length < 1) return;
  if (unique.length < uniqueIndexOf.length) {
    execution.onRepresentationsDeduplicated(
      fetch.serviceName,
      uniqueIndexOf.length - unique.length,
    );
  }
  if ('representations' in variables) {
    throw new Error(`Variables cannot contain key "representations"`);
  }
  let hydrated: ResponsePath[] | undefined;
  const data = await send(
    execution,
    service,
    fetch,
    cursor,
    { ...variables, representations: unique },
    (path) => {
      const index = path?.[1];
      if (typeof index !== 'number')
        return [{ path: path ? [...cursor.path, ...path] : undefined }];
      hydrated ??= hydratedPaths(cursor.path, cursor.fullResult);
      const rest = path?.slice(2) ?? [];
      const paths: ClientPath[] = [];
      uniqueIndexOf.forEach((u, r) => {
        if (u === index) paths.push({ order: r, path: [...(hydrated?.[r] ?? []), ...rest] });
      });
      return paths.length > 0
        ? paths
        : [{ order: index, path: [...(hydrated[index] ?? []), ...rest] }];
    },
  );
  if (!data) return;
  const received = data._entities;
  if (!Array.isArray(received)) {
    throw new Error(`Expected "data._entities" in response to be an array`);
  }
  if (received.length !== unique.length) {
    throw new Error(`Expected "data._entities" to contain ${uniqueIndexOf.length} elements`);
  }
  const prepared = new Array<boolean>(unique.length).fill(false);
  uniqueIndexOf.forEach((u, r) => {
    const entity = entities[entityIndexOf[r] as number] as ResultMap;
    const answer = received[u];
    if (!prepared[u]) {
      prepared[u] = true;
      if (answer && !answer.__typename) answer.__typename = entity.__typename;
      applyRewrites(supergraphSchema, fetch.outputRewrites, answer);
    }
    deepMerge(entity, answer);
  });
}

/**
 * Sends the fetch through the subgraph's data source; its errors join the operation's, at
 * the client's paths `pathsOf` gives for each (an error about a deduplicated representation
 * once per entity, in the order @apollo/gateway would have reported them).
 */
async function send(
  execution: PlanExecution,
  service: GraphQLDataSource,
  fetch: FetchNode,
  cursor: ResultCursor,
  variables: ResultMap,
  pathsOf: (path: GraphQLFormattedError['path']) => ClientPath[],
): Promise<ResultMap | null | undefined> {
  const { requestContext } = execution;
  const response = await service.process({
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query: fetch.operation, variables, operationName: fetch.operationName },
    incomingRequestContext: requestContext,
    context: requestContext.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: cursor.path,
  });
  if (response.errors) {
    // By entity, as the subgraph would have reported them for every representation; an error
    // about no entity stays after the one before it (a stable sort).
    const ordered: { order: number; error: GraphQLError }[] = [];
    let order = -1;
    for (const error of response.errors) {
      for (const at of pathsOf(error.path)) {
        order = at.order ?? order;
        ordered.push({ order, error: downstreamError(error, fetch.serviceName, at.path) });
      }
    }
    ordered.sort((a, b) => a.order - b.order);
    for (const { error } of ordered) execution.errors.push(error);
    const metrics = requestContext.metrics;
    const paths = response.errors.map((error) => ({
      subgraph: fetch.serviceName,
      path: error.path,
    }));
    if (metrics.nonFtv1ErrorPaths) metrics.nonFtv1ErrorPaths.push(...paths);
    else metrics.nonFtv1ErrorPaths = paths;
  }
  return response.data;
}
