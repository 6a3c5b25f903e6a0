import type { FetchNode, FlattenNode, ParallelNode, PlanNode } from '@apollo/query-planner';
import { type BatchedOperation, batchOperation, entityOperationOf } from './batched-operation.ts';

/** How a `Parallel` node's entity fetches go out, worked out once per node of a plan. */
export interface ParallelGroups {
  /** Per child node: the group its fetch joins, or undefined for a node run on its own. */
  groupOf: readonly (number | undefined)[];
  /**
   * The groups by call: groups of one subgraph whose operations can share a document
   * together, each other group alone.
   */
  calls: readonly (readonly number[])[];
  /** The document standing for groups of one call (by number), undefined when none can. */
  batchedOperation(groups: readonly number[]): BatchedOperation | undefined;
}

/** The node's groups (computed on first use: a plan is cached and reused). */
export function parallelGroupsOf(node: ParallelNode): ParallelGroups {
  let groups = layouts.get(node);
  if (!groups) {
    groups = layOut(node);
    layouts.set(node, groups);
  }
  return groups;
}

const layouts = new WeakMap<ParallelNode, ParallelGroups>();

function layOut(node: ParallelNode): ParallelGroups {
  const ordinals = new Map<string, number>();
  /** One fetch per group: its operation (but for the name) is the group's. */
  const fetches: FetchNode[] = [];
  const groupOf = node.nodes.map((child) => {
    const key = groupKey(child);
    if (key === undefined) return undefined;
    let ordinal = ordinals.get(key);
    if (ordinal === undefined) {
      ordinal = fetches.push((child as FlattenNode).node as FetchNode) - 1;
      ordinals.set(key, ordinal);
    }
    return ordinal;
  });
  const calls: number[][] = [];
  const batchable = new Map<string, number[]>();
  fetches.forEach((fetch, ordinal) => {
    if (!canBatch(fetch)) {
      calls.push([ordinal]);
      return;
    }
    const call = batchable.get(fetch.serviceName);
    if (call) call.push(ordinal);
    else {
      const created = [ordinal];
      batchable.set(fetch.serviceName, created);
      calls.push(created);
    }
  });
  const batched = new Map<string, BatchedOperation | undefined>();
  return {
    groupOf,
    calls,
    batchedOperation(groups) {
      const key = groups.join(',');
      if (!batched.has(key)) {
        batched.set(key, batchOperation(groups.map((g) => fetches[g] as FetchNode)));
      }
      return batched.get(key);
    },
  };
}

/**
 * What entity fetches share to be made as one call: the subgraph and the operation text but
 * for its name (`Search__accounts__1`, `…__2`). Fetches rewriting their inputs or outputs are
 * never grouped (a rewrite must apply once to what it rewrites).
 */
function groupKey(node: PlanNode): string | undefined {
  if (node.kind !== 'Flatten' || node.node.kind !== 'Fetch') return undefined;
  const fetch = node.node;
  if (!fetch.requires || fetch.inputRewrites?.length || fetch.outputRewrites?.length) {
    return undefined;
  }
  const operation = fetch.operationName
    ? fetch.operation.replace(fetch.operationName, '')
    : fetch.operation;
  return `${fetch.serviceName}\n${operation}`;
}

/**
 * Whether a group's operation may share a document with another group's: a plain entity
 * query (no context rewrites), not using a client variable named `representations` (which
 * @apollo/gateway refuses, fetch by fetch).
 */
function canBatch(fetch: FetchNode): boolean {
  return (
    fetch.operationKind === 'query' &&
    !fetch.contextRewrites?.length &&
    !fetch.variableUsages?.includes('representations') &&
    entityOperationOf(fetch) !== undefined
  );
}
