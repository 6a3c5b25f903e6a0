import { isObjectOfType } from '@apollo/gateway/dist/dataRewrites.js';
import { deepMerge } from '@apollo/gateway/dist/utilities/deepMerge.js';
import { getResponseName, type QueryPlanSelectionNode } from '@apollo/query-planner';
import { type GraphQLSchema, Kind } from 'graphql';
import type { ResultMap } from './plan-execution.ts';

/** The distinct representations one subgraph call sends, in first-seen order. */
export interface RepresentationSet {
  unique: ResultMap[];
  /** Index in `unique` by the representation's JSON. */
  seen: Map<string, number>;
}

export const createRepresentationSet = (): RepresentationSet => ({ unique: [], seen: new Map() });

/** Which representations one fetch's entities stand for. */
export interface FetchRepresentations {
  /** Per representation as @apollo/gateway would send it (one per entity kept), its index in `unique`. */
  uniqueIndexOf: number[];
  /** Per representation as @apollo/gateway would send it, the index of its entity. */
  entityIndexOf: number[];
}

/**
 * Adds the representations of `entities` a fetch with `requires` sends to `set`: each
 * entity's required fields (entities missing one, or not of the required types, are skipped as
 * @apollo/gateway skips them), identical ones sent once (apollographql/federation#180).
 */
export function addRepresentations(
  set: RepresentationSet,
  schema: GraphQLSchema,
  entities: readonly ResultMap[],
  requires: readonly QueryPlanSelectionNode[],
  rewrite: (representation: ResultMap) => void,
): FetchRepresentations {
  const uniqueIndexOf: number[] = [];
  const entityIndexOf: number[] = [];
  entities.forEach((entity, index) => {
    const representation = selectionOf(schema, entity, requires);
    if (!representation?.__typename) return;
    rewrite(representation);
    const key = JSON.stringify(representation);
    let at = set.seen.get(key);
    if (at === undefined) {
      at = set.unique.push(representation) - 1;
      set.seen.set(key, at);
    }
    uniqueIndexOf.push(at);
    entityIndexOf.push(index);
  });
  return { uniqueIndexOf, entityIndexOf };
}

/** @apollo/gateway's `executeSelectionSet`: the required fields of one entity, or null. */
function selectionOf(
  schema: GraphQLSchema,
  source: ResultMap | null,
  selections: readonly QueryPlanSelectionNode[],
): ResultMap | null {
  if (source === null) return null;
  const result: ResultMap = Object.create(null);
  for (const selection of selections) {
    if (selection.kind === Kind.FIELD) {
      const responseName = getResponseName(selection);
      const value = Object.hasOwn(source, responseName) ? source[responseName] : undefined;
      // A required field missing: an error fetching it was reported already; skip the entity.
      if (value === undefined) return null;
      const inner = selection.selections;
      if (Array.isArray(value)) {
        result[responseName] = value.map((item) =>
          inner ? selectionOf(schema, item, inner) : item,
        );
      } else {
        result[responseName] = inner ? selectionOf(schema, value, inner) : value;
      }
    } else if (selection.typeCondition && isObjectOfType(schema, source, selection.typeCondition)) {
      deepMerge(result, selectionOf(schema, source, selection.selections));
    }
  }
  return result;
}
