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
import type { ClientPath } from './subgraph-call.ts';
import { hydratedPaths } from './subgraph-errors.ts';

/** One fetch of the plan where it applies. */
export interface FetchAt {
  fetch: FetchNode;
  cursor: ResultCursor;
}

type Part = FetchAt & FetchRepresentations & { entities: ResultMap[] };

/**
 * Entity fetches of one operation made as one `_entities` selection: each distinct
 * representation of all of them once (`unique`), and what each fetch's entities stand for.
 */
export interface EntityGroup {
  /** The group's first fetch: what the call is made as. */
  first: FetchAt;
  /** The fetches with something to send, in order. */
  parts: Part[];
  unique: ResultMap[];
  /** Where the subgraph's errors about this selection show in the client's response. */
  pathsOf(path: GraphQLFormattedError['path']): ClientPath[];
}

/**
 * The representations the fetches send, or undefined when none has any (no call to make).
 * Counts the representations not sent, being identical to one sent.
 */
export function prepareEntityGroup(
  execution: PlanExecution,
  group: readonly FetchAt[],
): EntityGroup | undefined {
  const first = group[0];
  if (!first) return undefined;
  const { supergraphSchema } = execution;
  const set = createRepresentationSet();
  const parts: Part[] = [];
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
  if (unique.length < 1) return undefined;
  const sent = parts.reduce((n, part) => n + part.uniqueIndexOf.length, 0);
  if (unique.length < sent)
    execution.onRepresentationsDeduplicated(first.fetch.serviceName, sent - unique.length);
  return { first, parts, unique, pathsOf: clientPaths(parts, sent) };
}

/**
 * Merges the subgraph's `_entities` answer into every entity each representation stands for;
 * throws (after reporting it for the group's other fetches) when it is not one answer per
 * representation sent.
 */
export function mergeEntityAnswers(
  execution: PlanExecution,
  group: EntityGroup,
  received: unknown,
): void {
  const { supergraphSchema } = execution;
  const { parts, unique } = group;
  const problem = !Array.isArray(received)
    ? `Expected "data._entities" in response to be an array`
    : received.length !== unique.length
      ? `Expected "data._entities" to contain ${unique.length} elements`
      : undefined;
  if (problem) failGroup(execution, group, new Error(problem) as GraphQLError);
  const answers = received as ResultMap[];
  const prepared = new Array<boolean>(unique.length).fill(false);
  for (const part of parts) {
    part.uniqueIndexOf.forEach((u, r) => {
      const entity = part.entities[part.entityIndexOf[r] as number] as ResultMap;
      const answer = answers[u] as ResultMap;
      if (!prepared[u]) {
        prepared[u] = true;
        if (answer && !answer.__typename) answer.__typename = entity.__typename;
        // Grouped fetches have no output rewrites (parallel-groups.ts): this runs once per answer.
        applyRewrites(supergraphSchema, part.fetch.outputRewrites, answer);
      }
      deepMerge(entity, answer);
    });
  }
}

/**
 * What @apollo/gateway reports once per fetch (a failed call, an unusable answer), reported
 * once per fetch of the group: for all but one here, the thrown one by the caller.
 */
export function failGroup(execution: PlanExecution, group: EntityGroup, error: unknown): never {
  for (let p = 1; p < group.parts.length; p++) execution.errors.push(error as GraphQLError);
  throw error;
}

export function entitiesAt(cursor: ResultCursor): ResultMap[] {
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
function clientPaths(parts: readonly Part[], sent: number) {
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
