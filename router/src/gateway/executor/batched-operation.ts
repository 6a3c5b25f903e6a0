import type { FetchNode } from '@apollo/query-planner';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type NameNode,
  OperationTypeNode,
  parse,
  print,
  stripIgnoredCharacters,
  type VariableDefinitionNode,
  type VariableNode,
} from 'graphql';

/** One subgraph request standing for the entity fetches of several operations. */
export interface BatchedOperation {
  serviceName: string;
  operation: string;
  operationName: string | undefined;
  operationDocumentNode: DocumentNode;
  /** Per operation batched, in order: the alias its `_entities` answer comes under. */
  aliases: string[];
  /** Per operation batched, in order: the variable its representations go in. */
  representations: string[];
}

/** An entity fetch's operation as the planner prints it, taken apart. */
interface EntityOperation {
  /** `_entities(representations: $representations) { … }`. */
  field: FieldNode;
  /** The definition of `$representations`. */
  representations: VariableDefinitionNode;
  /** Its other variables' definitions (the client operation's variables it uses). */
  variables: readonly VariableDefinitionNode[];
  fragments: readonly FragmentDefinitionNode[];
}

/**
 * The entity fetches' operations (queries of one subgraph, planned for one client operation)
 * as one document: each `_entities` selection under its own alias (`_0`, `_1`, …) with its own
 * representations variable, the variables and fragments they use defined once. Undefined when
 * they cannot share one: an operation of another shape than the planner's entity fetch, or a
 * variable or fragment of one name defined two ways.
 */
export function batchOperation(fetches: readonly FetchNode[]): BatchedOperation | undefined {
  const first = fetches[0];
  if (!first) return undefined;
  const operations: EntityOperation[] = [];
  for (const fetch of fetches) {
    const operation = entityOperationOf(fetch);
    if (!operation || fetch.serviceName !== first.serviceName) return undefined;
    operations.push(operation);
  }
  const variables = definedOnce(
    operations.flatMap((o) => o.variables),
    (v) => v.variable.name,
  );
  const fragments = definedOnce(
    operations.flatMap((o) => o.fragments),
    (f) => f.name,
  );
  if (!variables || !fragments) return undefined;

  const aliases = operations.map((_, i) => `_${i}`);
  const representations = operations.map((_, i) => {
    // A name none of the client's variables has.
    let name = `r${i}`;
    while (variables.has(name)) name = `_${name}`;
    return name;
  });
  // `Op__hotels__3` and `Op__hotels__4` as `Op__hotels__batch`.
  const operationName = first.operationName?.replace(/__\d+$/, '__batch');
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: operationName === undefined ? undefined : nameNode(operationName),
        variableDefinitions: [
          ...operations.map((o, i) => ({
            ...o.representations,
            variable: variableNode(representations[i] as string),
          })),
          ...variables.values(),
        ],
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: operations.map((o, i) => ({
            ...o.field,
            alias: nameNode(aliases[i] as string),
            arguments: [
              {
                kind: Kind.ARGUMENT,
                name: nameNode('representations'),
                value: variableNode(representations[i] as string),
              },
            ],
          })),
        },
      },
      ...fragments.values(),
    ],
  };
  return {
    serviceName: first.serviceName,
    // Printed as compactly as the planner prints its operations.
    operation: stripIgnoredCharacters(print(document)),
    operationName,
    operationDocumentNode: document,
    aliases,
    representations,
  };
}

/**
 * The fetch's operation taken apart (parsed once: a plan and its fetches are cached and
 * reused), or undefined when it is not the planner's entity fetch: one query selecting
 * `_entities(representations: $representations)` alone.
 */
export function entityOperationOf(fetch: FetchNode): EntityOperation | undefined {
  let parsed = entityOperations.get(fetch);
  if (parsed === undefined) {
    parsed = parseEntityOperation(fetch.operation) ?? null;
    entityOperations.set(fetch, parsed);
  }
  return parsed ?? undefined;
}

const entityOperations = new WeakMap<FetchNode, EntityOperation | null>();

function parseEntityOperation(text: string): EntityOperation | undefined {
  let document: DocumentNode;
  try {
    document = parse(text, { noLocation: true });
  } catch {
    return undefined;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const [operation] = operations;
  if (
    !operation ||
    operations.length + fragments.length !== document.definitions.length ||
    operations.length !== 1 ||
    operation.operation !== OperationTypeNode.QUERY ||
    operation.directives?.length
  ) {
    return undefined;
  }
  const [field, ...others] = operation.selectionSet.selections;
  const argument = field?.kind === Kind.FIELD ? field.arguments?.[0] : undefined;
  if (
    field?.kind !== Kind.FIELD ||
    others.length > 0 ||
    field.name.value !== '_entities' ||
    field.alias ||
    field.directives?.length ||
    field.arguments?.length !== 1 ||
    argument?.name.value !== 'representations' ||
    argument.value.kind !== Kind.VARIABLE
  ) {
    return undefined;
  }
  const variable = argument.value.name.value;
  const definitions = operation.variableDefinitions ?? [];
  const representations = definitions.find((d) => d.variable.name.value === variable);
  if (!representations) return undefined;
  return {
    field,
    representations,
    variables: definitions.filter((d) => d !== representations),
    fragments,
  };
}

/** The definitions by name, or undefined when one name is defined two different ways. */
function definedOnce<T extends VariableDefinitionNode | FragmentDefinitionNode>(
  definitions: readonly T[],
  nameOf: (definition: T) => NameNode,
): Map<string, T> | undefined {
  const byName = new Map<string, T>();
  const printed = new Map<string, string>();
  for (const definition of definitions) {
    const name = nameOf(definition).value;
    const text = print(definition);
    const seen = printed.get(name);
    if (seen !== undefined && seen !== text) return undefined;
    if (seen === undefined) {
      byName.set(name, definition);
      printed.set(name, text);
    }
  }
  return byName;
}

const nameNode = (value: string): NameNode => ({ kind: Kind.NAME, value });
const variableNode = (name: string): VariableNode => ({
  kind: Kind.VARIABLE,
  name: nameNode(name),
});
