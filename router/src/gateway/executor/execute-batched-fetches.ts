import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { BatchedOperation } from './batched-operation.ts';
import {
  type EntityGroup,
  type FetchAt,
  mergeEntityAnswers,
  prepareEntityGroup,
} from './entity-group.ts';
import { catching, sendEntityGroup } from './execute-fetch.ts';
import type { PlanExecution, ResultMap } from './plan-execution.ts';
import { call, reportErrors, serviceOf, variablesOf } from './subgraph-call.ts';

/**
 * Groups of entity fetches to one subgraph (each group one operation, see
 * executeEntityFetches) made as one call when more than one has something to send: one
 * document with each group's `_entities` under its own alias (`operationOf` gives it for the
 * groups by index, undefined when they cannot share one). Each group's answer, errors and
 * failures are handled as its own call's would be, group by group: an error about an alias
 * is its group's (as `["_entities", …]`), one about no alias, and a failed call, every group's;
 * a document refused as a whole is asked again group by group. Never throws: what a group's
 * call would have thrown is an error of the operation.
 */
export async function executeBatchedEntityFetches(
  execution: PlanExecution,
  groups: readonly (readonly FetchAt[])[],
  operationOf: (groups: readonly number[]) => BatchedOperation | undefined,
): Promise<void> {
  const prepared: EntityGroup[] = [];
  const indexes: number[] = [];
  groups.forEach((fetches, index) => {
    const group = prepareEntityGroup(execution, fetches);
    if (group) {
      prepared.push(group);
      indexes.push(index);
    }
  });
  const batched = prepared.length > 1 ? operationOf(indexes) : undefined;
  if (!batched) return sendEach(execution, prepared);
  const first = prepared[0] as EntityGroup;
  const variables: ResultMap = Object.create(null);
  prepared.forEach((group, i) => {
    Object.assign(variables, variablesOf(execution, group.first.fetch));
    variables[batched.representations[i] as string] = group.unique;
  });
  let response: Awaited<ReturnType<typeof call>>;
  try {
    const service = serviceOf(execution, first.first.fetch);
    response = await call(execution, service, batched, first.first.cursor, variables);
  } catch (error) {
    // One failed call for every fetch it stood for, as if each had been sent.
    for (const group of prepared) {
      for (const _ of group.parts) execution.errors.push(error as GraphQLError);
    }
    return;
  }
  const { data, errors } = response;
  if (data == null && errors?.length) {
    // The document refused as a whole (invalid for the subgraph, or one `_entities` failing
    // entirely): it may be one group's doing, the others answering alone, as they are sent
    // by @apollo/gateway.
    return sendEach(execution, prepared);
  }
  execution.onFetchesBatched(batched.serviceName, prepared.length - 1);
  prepared.forEach((group, i) => {
    try {
      reportErrors(
        execution,
        batched.serviceName,
        errorsOf(errors, batched.aliases, i),
        group.pathsOf,
      );
      if (data) mergeEntityAnswers(execution, group, data[batched.aliases[i] as string]);
    } catch (error) {
      execution.errors.push(error as GraphQLError);
    }
  });
}

async function sendEach(execution: PlanExecution, groups: readonly EntityGroup[]) {
  await Promise.all(groups.map((group) => catching(execution, sendEntityGroup(execution, group))));
}

/** What the call of alias `i`'s group alone would have answered as errors. */
function errorsOf(
  errors: readonly GraphQLFormattedError[] | undefined,
  aliases: readonly string[],
  i: number,
): GraphQLFormattedError[] | undefined {
  if (!errors) return undefined;
  const alias = aliases[i];
  const own: GraphQLFormattedError[] = [];
  for (const error of errors) {
    const [head, ...rest] = error.path ?? [];
    if (head === alias) own.push({ ...error, path: ['_entities', ...rest] });
    else if (typeof head !== 'string' || !aliases.includes(head)) own.push(error);
  }
  return own.length > 0 ? own : undefined;
}
