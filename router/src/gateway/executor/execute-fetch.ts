import type { GraphQLDataSource } from '@apollo/gateway';
import { applyRewrites } from '@apollo/gateway/dist/dataRewrites.js';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { deepMerge } from '@apollo/gateway/dist/utilities/deepMerge.js';
import type { FetchNode, ResponsePath } from '@apollo/query-planner';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import {
  addRepresentations,
  createRepresentationSet,
  type FetchRepresentations,
} from './entity-representations.ts';
import type { PlanExecution, ResultCursor, ResultMap } from './plan-execution.ts';
import { downstreamError, hydratedPaths } from './subgraph-errors.ts';

/** One fetch of the plan where it applies. */
export interface FetchAt {
  fetch: FetchNode;
  cursor: ResultCursor;
}

/** Where an error shows in the client's response; `order`: the entity it is about, if one. */
type ClientPath = { path: ResponsePath | undefined; order?: number };

/**
 * One fetch of the plan, as @apollo/gateway's `executeFetch` does it (same request to the data
 * source, same merging, same errors) without trace or span objects; a fetch of entities sends
 * each distinct representation once (see executeEntityFetches).
 */
export async function executeFetch(execution: PlanExecution, at: FetchAt): Promise<void> {
  const { fetch, cursor } = at;
  if (fetch.requires) return executeEntityFetches(execution, [at]);
  const service = serviceOf(execution, fetch);
  const entities = entitiesAt(cursor);
  if (entities.length < 1) return;
  const data = await send(
    execution,
    service,
    fetch,
    cursor,
    variablesOf(execution, fetch),
    (path) => [{ path: path ? [...cursor.path, ...path] : undefined }],
  );
  if (data) applyRewrites(execution.supergraphSchema, fetch.outputRewrites, data);
  for (const entity of entities) deepMerge(entity, data);
}

/**
 * Entity fetches sharing one operation (the same subgraph and operation text: a `Parallel`
 * node's fetches of the same fields of the same type at different places) made as one call:
 * each distinct representation of all of them sent once, its answer merged into every entity
 * it stands for, an error about it reported at each of their paths (ordered as @apollo/gateway
 * would report them, fetch by fetch). What @apollo/gateway reports once per fetch (a failed
 * call, an error about no entity) is reported once per fetch here too.
 */
export async function executeEntityFetches(
  execution: PlanExecution,
  group: readonly FetchAt[],
): Promise<void> {
  const first = group[0];
  if (!first) return;
  const { fetch } = first;
  const { supergraphSchema } = execution;
  const service = serviceOf(execution, fetch);
  const set = createRepresentationSet();
  const parts: (FetchAt & FetchRepresentations & { entities: ResultMap[] })[] = [];
  for (const at of group) {
    const entities = entitiesAt(at.cursor);
    if (entities.length < 1 || !at.fetch.requires) continue;
    const inputRewrites = at.fetch.inputRewrites;
    const indexes = addRepresentations(set, supergraphSchema, entities, at.fetch.requires, (r) =>
      applyRewrites(supergraphSchema, inputRewrites, r),
    );
    if (indexes.uniqueIndexOf.length > 0) parts.push({ ...at, ...indexes, entities });
  }
  const { unique } = set;
  if (unique.length < 1) return;
  const sent = parts.reduce((n, part) => n + part.uniqueIndexOf.length, 0);
  if (unique.length < sent)
    execution.onRepresentationsDeduplicated(fetch.serviceName, sent - unique.length);

  const variables = variablesOf(execution, fetch);
  if ('representations' in variables) {
    throw new Error(`Variables cannot contain key "representations"`);
  }
  const hydrated = new Map<number, ResponsePath[]>();
  const hydratedOf = (p: number) => {
    const part = parts[p] as (typeof parts)[number];
    let paths = hydrated.get(p);
    if (!paths) {
      paths = hydratedPaths(part.cursor.path, part.cursor.fullResult);
      hydrated.set(p, paths);
    }
    return paths;
  };
  let data: ResultMap | null | undefined;
  try {
    data = await send(
      execution,
      service,
      fetch,
      first.cursor,
      { ...variables, representations: unique },
      (path) => {
        const index = path?.[1];
        if (typeof index !== 'number') {
          return parts.map(({ cursor }, p) => ({
            order: p,
            path: path ? [...cursor.path, ...path] : undefined,
          }));
        }
        const rest = path?.slice(2) ?? [];
        const paths: ClientPath[] = [];
        parts.forEach((part, p) => {
          part.uniqueIndexOf.forEach((u, r) => {
            if (u === index)
              paths.push({
                order: p * unique.length + r,
                path: [...(hydratedOf(p)[r] ?? []), ...rest],
              });
          });
        });
        return paths;
      },
    );
  } catch (error) {
    // One failed call for every fetch it stood for, as if each had been sent.
    for (let p = 1; p < parts.length; p++) execution.errors.push(error as GraphQLError);
    throw error;
  }
  if (!data) return;
  const received = data._entities;
  const problem = !Array.isArray(received)
    ? `Expected "data._entities" in response to be an array`
    : received.length !== unique.length
      ? `Expected "data._entities" to contain ${unique.length} elements`
      : undefined;
  if (problem) {
    for (let p = 1; p < parts.length; p++)
      execution.errors.push(new Error(problem) as GraphQLError);
    throw new Error(problem);
  }
  const prepared = new Array<boolean>(unique.length).fill(false);
  for (const part of parts) {
    part.uniqueIndexOf.forEach((u, r) => {
      const entity = part.entities[part.entityIndexOf[r] as number] as ResultMap;
      const answer = received[u];
      if (!prepared[u]) {
        prepared[u] = true;
        if (answer && !answer.__typename) answer.__typename = entity.__typename;
        // Grouped fetches have no output rewrites (plan-execution.ts): this runs once per answer.
        applyRewrites(supergraphSchema, part.fetch.outputRewrites, answer);
      }
      deepMerge(entity, answer);
    });
  }
}

function serviceOf(execution: PlanExecution, fetch: FetchNode): GraphQLDataSource {
  const service = execution.services.get(fetch.serviceName);
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  return service;
}

function entitiesAt(cursor: ResultCursor): ResultMap[] {
  return Array.isArray(cursor.data)
    ? cursor.data.filter((entity) => entity != null)
    : [cursor.data];
}

/** The operation's variables the fetch uses, as the client sent them. */
function variablesOf(execution: PlanExecution, fetch: FetchNode): ResultMap {
  const variables = Object.create(null);
  const provided = execution.requestContext.request.variables;
  for (const name of fetch.variableUsages ?? []) {
    if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) {
      variables[name] = provided[name];
    }
  }
  return variables;
}

/**
 * Sends the fetch through the subgraph's data source; its errors join the operation's, at
 * the client's paths `pathsOf` gives for each, in their order.
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
    // An error about no entity stays after the one before it (a stable sort).
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
