import {
  type DocumentNode,
  type FormattedExecutionResult,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  print,
  type SelectionNode,
  type VariableDefinitionNode,
  visit,
} from 'graphql';
import { ENTITY_KEY, type EntityQuery } from './entity-query.ts';

/** One group's re-read: its query and the subscriber's variables it uses. */
export interface GroupRead {
  query: EntityQuery;
  variables: Readonly<Record<string, unknown>>;
}

export interface MergedRead {
  document: DocumentNode;
  source: string;
  variables: Record<string, unknown>;
  /** The merged answer cut back into each group's answer (its entity under `entity`). */
  split(answer: FormattedExecutionResult): FormattedExecutionResult[];
}

/**
 * The re-reads of one event by several groups of one identity as one operation: each group's
 * `entity: <read>(id:)` becomes `g<i>: <read>(id:)`, and its variables and fragments are
 * renamed `g<i>_…`, so the parts can not clash. The gateway plans it as one query: one fetch
 * of the entity's subgraph for every selection of that subscriber, instead of one per group.
 */
export function mergeGroupReads(groups: readonly GroupRead[], entityId: string): MergedRead {
  const variableDefinitions: VariableDefinitionNode[] = [];
  const selections: SelectionNode[] = [];
  const fragments: FragmentDefinitionNode[] = [];
  const variables: Record<string, unknown> = {};
  groups.forEach(({ query, variables: values }, i) => {
    const prefix = `g${i}_`;
    const renamed = visit(query.document, {
      Variable: (node) => ({ ...node, name: { ...node.name, value: prefix + node.name.value } }),
      FragmentSpread: (node) => ({
        ...node,
        name: { ...node.name, value: prefix + node.name.value },
      }),
      FragmentDefinition: (node) => ({
        ...node,
        name: { ...node.name, value: prefix + node.name.value },
      }),
    });
    for (const definition of renamed.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.push(definition);
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      variableDefinitions.push(...(definition.variableDefinitions ?? []));
      for (const selection of definition.selectionSet.selections) {
        selections.push(
          selection.kind === Kind.FIELD
            ? { ...selection, alias: { kind: Kind.NAME, value: `g${i}` } }
            : selection,
        );
      }
    }
    for (const [name, value] of Object.entries(values)) variables[prefix + name] = value;
    variables[prefix + query.idVariable] = entityId;
  });
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: OperationTypeNode.QUERY,
    variableDefinitions,
    selectionSet: { kind: Kind.SELECTION_SET, selections },
  };
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
  return {
    document,
    source: print(document),
    variables,
    split: (answer) =>
      groups.map((_, i) => {
        const key = `g${i}`;
        // An error without a path (the whole read failed) is every group's.
        const errors = answer.errors
          ?.filter((error) => error.path === undefined || error.path[0] === key)
          .map((error) =>
            error.path ? { ...error, path: [ENTITY_KEY, ...error.path.slice(1)] } : error,
          );
        return {
          data: answer.data ? { [ENTITY_KEY]: answer.data[key] ?? null } : (answer.data ?? null),
          ...(errors?.length ? { errors } : {}),
        };
      }),
  };
}
