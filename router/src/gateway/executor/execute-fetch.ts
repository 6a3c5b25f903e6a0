import { applyRewrites } from '@apollo/gateway/dist/dataRewrites.js';
import { deepMerge } from '@apollo/gateway/dist/utilities/deepMerge.js';
import type { FetchNode, ResponsePath } from '@apollo/query-planner';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import {
  addRepresentations,
  createRepresentationSet,
  type FetchRepresentations,
} from './entity-representations.ts';
import type { PlanExecution, ResultCursor, ResultMap } from './plan-execution.ts';
import { type ClientPath, send, serviceOf, variablesOf } from './subgraph-call.ts';
import { hydratedPaths } from './subgraph-errors.ts';

/** One fetch of the plan where it applies. */
export interface FetchAt {
  fetch: FetchNode;
  cursor: ResultCursor;
}

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
  let data: ResultMap | null | undefined;
  try {
    data = await send(
      execution,
      service,
      fetch,
      first.cursor,
      { ...variables, representations: unique },
      clientPaths(parts, sent),
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

function entitiesAt(cursor: ResultCursor): ResultMap[] {
  return Array.isArray(cursor.data)
    ? cursor.data.filter((entity) => entity != null)
    : [cursor.data];
}

/**
 * Where a subgraph error shows in the client's response: an error about representation `u`
 * (`["_entities", u, …]`) at the path of each entity it stands for, fetch by fetch and entity by
 * entity (the order @apollo/gateway reports them in); any other error once per fetch, under the
 * fetch's path, before its entities' errors.
 */
function clientPaths(parts: readonly (FetchAt & FetchRepresentations)[], sent: number) {
  const stride = sent + 1;
  const hydrated = new Map<number, ResponsePath[]>();
  const hydratedOf = (p: number, cursor: FetchAt['cursor']) => {
    let paths = hydrated.get(p);
    if (!paths) {
      paths = hydratedPaths(cursor.path, cursor.fullResult);
      hydrated.set(p, paths);
    }
    return paths;
  };
  return (path: GraphQLFormattedError['path']): ClientPath[] => {
    const index = path?.[1];
    if (typeof index !== 'number') {
      return parts.map(({ cursor }, p) => ({
        order: p * stride,
        path: path ? [...cursor.path, ...path] : undefined,
      }));
    }
    const rest = path?.slice(2) ?? [];
    const paths: ClientPath[] = [];
    parts.forEach(({ cursor, uniqueIndexOf }, p) => {
      uniqueIndexOf.forEach((u, r) => {
        if (u !== index) return;
        const at = hydratedOf(p, cursor)[r] ?? [];
        paths.push({ order: p * stride + r + 1, path: [...at, ...rest] });
      });
    });
    // An index no representation has (a subgraph's mistake): kept, as @apollo/gateway keeps it.
    const first = parts[0];
    if (paths.length === 0 && first) {
      paths.push({ path: [...(hydratedOf(0, first.cursor)[index] ?? []), ...rest] });
    }
    return paths;
  };
}
