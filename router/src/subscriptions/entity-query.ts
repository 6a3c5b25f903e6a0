import {
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  print,
  type SelectionSetNode,
  visit,
} from 'graphql';

/** Where the entity is in the re-read's answer, whatever the subscriber calls it. */
export const ENTITY_KEY = 'entity';

export interface EntityQuery {
  /** `query (…) { entity: <read>(id: $<idVariable>) <the subscriber's selection> }` */
  document: DocumentNode;
  source: string;
  /** Where the entity is in each event sent: the subscription field's alias or name. */
  responseKey: string;
  /** The variable that carries the event's entity id. */
  idVariable: string;
  /** The subscriber's variables the query still uses (the others would make it invalid). */
  variableNames: readonly string[];
}

/**
 * The query that resolves one event for one subscriber: the subscription's root field becomes
 * the binding's re-read field `entity: <read>(id: $entityId)` with the same directives and
 * selection set, so the gateway plans it across subgraphs like any client query. Fragments
 * and variables the selection uses are kept; the rest (the root field's own arguments, fragments on Subscription) is dropped,
 * as a valid query may hold no unused ones. The alias and the operation's name are not kept:
 * subscribers with the same selection share one re-read whichever field or name they used
 * (`myBookingUpdates` and `bookingUpdated(id:)` of one user), and each gets the entity under its
 * own response key (entity-streams.ts).
 */
export function toEntityQuery(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  root: FieldNode,
  read: string,
): EntityQuery {
  const declared = operation.variableDefinitions ?? [];
  const taken = new Set(declared.map((v) => v.variable.name.value));
  let idVariable = 'entityId';
  for (let n = 2; taken.has(idVariable); n++) idVariable = `entityId${n}`;

  const responseKey = root.alias?.value ?? root.name.value;
  const field: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: ENTITY_KEY },
    name: { kind: Kind.NAME, value: read },
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'id' },
        value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: idVariable } },
      },
    ],
    directives: root.directives ?? [],
    ...(root.selectionSet ? { selectionSet: root.selectionSet } : {}),
  };

  const fragments = usedFragments(document, field.selectionSet);
  const used = variablesIn([field, ...fragments]);
  used.delete(idVariable);
  const variableDefinitions = declared.filter((v) => used.has(v.variable.name.value));
  const query: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        variableDefinitions: [
          {
            kind: Kind.VARIABLE_DEFINITION,
            variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: idVariable } },
            type: {
              kind: Kind.NON_NULL_TYPE,
              type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } },
            },
          },
          ...variableDefinitions,
        ],
        selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
      },
      ...fragments,
    ],
  };
  return {
    document: query,
    source: print(query),
    responseKey,
    idVariable,
    variableNames: variableDefinitions.map((v) => v.variable.name.value),
  };
}

/** The fragment definitions a selection set spreads, directly or through other fragments. */
function usedFragments(
  document: DocumentNode,
  selectionSet: SelectionSetNode | undefined,
): FragmentDefinitionNode[] {
  const byName = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const found = new Map<string, FragmentDefinitionNode>();
  const toVisit: ASTNode[] = selectionSet ? [selectionSet] : [];
  for (let node = toVisit.pop(); node; node = toVisit.pop()) {
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = byName.get(name);
        if (!fragment || found.has(name)) return;
        found.set(name, fragment);
        toVisit.push(fragment);
      },
    });
  }
  return [...found.values()];
}

function variablesIn(nodes: readonly ASTNode[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) {
    visit(node, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  }
  return names;
}
