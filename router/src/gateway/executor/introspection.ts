import {
  type DocumentNode,
  executeSync,
  type FieldNode,
  type GraphQLSchema,
  Kind,
  OperationTypeNode,
  type VariableDefinitionNode,
  visit,
} from 'graphql';

/**
 * One introspection field of the operation (`__schema`, `__type`) answered from the API
 * schema, as @apollo/gateway's `executeIntrospection` answers it.
 */
export function executeIntrospection(
  schema: GraphQLSchema,
  field: FieldNode,
  variableDefinitions: readonly VariableDefinitionNode[] | undefined,
  variableValues: Record<string, unknown> | undefined,
): unknown {
  const { data, errors } = executeSync({
    schema,
    document: documentOf(field, variableDefinitions),
    rootValue: {},
    variableValues,
  });
  if (errors?.length || !data) {
    throw new Error(`Introspection query for ${field.name.value} should not have failed`);
  }
  const key = field.alias?.value ?? field.name.value;
  return Object.hasOwn(data, key) ? data[key] : undefined;
}

function documentOf(
  field: FieldNode,
  variableDefinitions: readonly VariableDefinitionNode[] | undefined,
): DocumentNode {
  const used = new Set<string>();
  visit(field, {
    Variable: ({ name }) => {
      used.add(name.value);
    },
  });
  return {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        variableDefinitions: variableDefinitions?.filter((d) => used.has(d.variable.name.value)),
        selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
      },
    ],
  };
}
