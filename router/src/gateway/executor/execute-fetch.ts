import { applyRewrites } from '@apollo/gateway/dist/dataRewrites.js';
import { deepMerge } from '@apollo/gateway/dist/utilities/deepMerge.js';
import type { GraphQLError } from 'graphql';
import {
  type EntityGroup,
  entitiesAt,
  type FetchAt,
  failGroup,
  mergeEntityAnswers,
  prepareEntityGroup,
} from './entity-group.ts';
import type { PlanExecution, ResultMap } from './plan-execution.ts';
import { send, serviceOf, variablesOf } from './subgraph-call.ts';

export type { FetchAt } from './entity-group.ts';

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
  fetches: readonly FetchAt[],
): Promise<void> {
  const group = prepareEntityGroup(execution, fetches);
  if (group) await sendEntityGroup(execution, group);
}

/** One call for the group (see executeEntityFetches), its answer merged. */
export async function sendEntityGroup(execution: PlanExecution, group: EntityGroup): Promise<void> {
  const { fetch, cursor } = group.first;
  const service = serviceOf(execution, fetch);
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
      cursor,
      { ...variables, representations: group.unique },
      group.pathsOf,
    );
  } catch (error) {
    // One failed call for every fetch it stood for, as if each had been sent.
    failGroup(execution, group, error);
  }
  if (data) mergeEntityAnswers(execution, group, data._entities);
}

/** A fetch's failure is an error of the operation, not a failure of it. */
export async function catching(execution: PlanExecution, work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (error) {
    execution.errors.push(error as GraphQLError);
  }
}
