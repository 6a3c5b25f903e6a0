import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLIncludeDirective,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { CostDirectives, ListSize } from './cost-directives.ts';

/** Added once to every mutation: a write costs more than the objects it returns. */
export const MUTATION_BASE_COST = 10;

export interface CostInput {
  /** The API schema the operation was validated against. */
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  /** The operation's variables, already coerced (`getVariableValues`). */
  variables: Readonly<Record<string, unknown>>;
  directives: CostDirectives;
  /** Size of a list with no `@listSize`, or whose slicing argument is null and assumes none. */
  defaultListSize: number;
}

/** Fields of one selection merged by response key, as execution merges them. */
type Collected = Map<string, { parent: GraphQLObjectType | GraphQLNamedType; nodes: FieldNode[] }>;

/**
 * Apollo Router's static cost model (demand control), on the operation with its variables:
 * an object, interface or union costs 1, a scalar or enum 0, unless `@cost(weight:)` on the
 * field or type says otherwise; a list multiplies its items' cost by its size (the value of a
 * `@listSize` slicing argument, else its `assumedSize`, else `defaultListSize`), a connection's
 * size going to its `sizedFields` (`edges`); an input object argument costs 1 per object;
 * a mutation adds MUTATION_BASE_COST. Fragments are flattened, fields skipped by
 * `@skip`/`@include` cost nothing, fragments on several types of an abstract field all count
 * (an upper bound). Unlike Apollo Router, which scores the query plan's fetches, this scores
 * the client's operation: entity fetches and `@requires` selections add nothing, so the same
 * operation and variables cost the same whatever the plan (declare `@cost` where they matter).
 */
export function estimateCost(input: CostInput): number {
  const { schema, operation } = input;
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;
  const base = operation.operation === 'mutation' ? MUTATION_BASE_COST : 0;
  return base + selectionCost(input, root, [operation.selectionSet], undefined);
}

/** `sized`: the size a parent's `@listSize(sizedFields:)` hands to some of these fields. */
function selectionCost(
  input: CostInput,
  parent: GraphQLNamedType,
  selectionSets: readonly SelectionSetNode[],
  sized: { fields: readonly string[]; size: number } | undefined,
): number {
  const collected: Collected = new Map();
  for (const selectionSet of selectionSets) collect(input, parent, selectionSet, collected);
  let total = 0;
  for (const { parent: type, nodes } of collected.values()) {
    const size = sized?.fields.includes(nodes[0]?.name.value ?? '') ? sized.size : undefined;
    total += fieldCost(input, type, nodes, size);
  }
  return total;
}

function collect(
  input: CostInput,
  parent: GraphQLNamedType,
  selectionSet: SelectionSetNode,
  into: Collected,
): void {
  for (const selection of selectionSet.selections) {
    if (!included(input, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = `${parent.name}.${selection.alias?.value ?? selection.name.value}`;
      const entry = into.get(key);
      if (entry) entry.nodes.push(selection);
      else into.set(key, { parent, nodes: [selection] });
      continue;
    }
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT ? selection : input.fragments[selection.name.value];
    if (!fragment) continue;
    const condition = fragment.typeCondition?.name.value;
    const type = (condition && input.schema.getType(condition)) || parent;
    collect(input, type, fragment.selectionSet, into);
  }
}

function fieldCost(
  input: CostInput,
  parent: GraphQLNamedType,
  nodes: readonly FieldNode[],
  sizeFromParent: number | undefined,
): number {
  const node = nodes[0];
  if (!node || node.name.value.startsWith('__')) return 0;
  if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
  const definition = parent.getFields()[node.name.value];
  if (!definition) return 0;
  const type = getNamedType(definition.type);
  const { directives } = input;
  const weight =
    directives.fieldWeight(parent.name, definition.name) ??
    directives.typeWeight(type.name) ??
    (isCompositeType(type) ? 1 : 0);
  const args = argumentValues(input, definition, node);
  const listSize = directives.listSize(parent.name, definition.name);
  const declared = listSize && sizeOf(listSize, args);
  const sizesChildren = listSize !== undefined && listSize.sizedFields.length > 0;
  const isList = isListType(getNullableType(definition.type));
  const count = isList
    ? (sizeFromParent ?? (sizesChildren ? undefined : declared) ?? input.defaultListSize)
    : 1;
  const children = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  const selection =
    children.length === 0
      ? 0
      : selectionCost(
          input,
          type,
          children,
          sizesChildren
            ? { fields: listSize.sizedFields, size: declared ?? input.defaultListSize }
            : undefined,
        );
  return count * (weight + selection) + argumentsCost(definition.args, args);
}

/** The field's arguments with variables and defaults applied; none when they do not coerce. */
function argumentValues(
  input: CostInput,
  definition: Parameters<typeof getArgumentValues>[0],
  node: FieldNode,
): Record<string, unknown> {
  try {
    return getArgumentValues(definition, node, input.variables as Record<string, unknown>);
  } catch {
    // Execution refuses it before any subgraph is called; cost it as if absent.
    return {};
  }
}

/** The largest slicing argument given (negative counts as 0), else the assumed size. */
function sizeOf(listSize: ListSize, args: Record<string, unknown>): number | undefined {
  const given = listSize.slicingArguments
    .map((name) => args[name])
    .filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  return given.length > 0 ? Math.max(0, ...given) : listSize.assumedSize;
}

function argumentsCost(
  definitions: readonly { name: string; type: GraphQLInputType }[],
  values: Record<string, unknown>,
): number {
  let total = 0;
  for (const { name, type } of definitions) total += inputCost(type, values[name]);
  return total;
}

/** An input object costs 1 plus its fields; lists sum their items; scalars and enums 0. */
function inputCost(type: GraphQLInputType, value: unknown): number {
  if (value === null || value === undefined) return 0;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items = Array.isArray(value) ? value : [value];
    return items.reduce<number>((sum, item) => sum + inputCost(nullable.ofType, item), 0);
  }
  if (!isInputObjectType(nullable) || typeof value !== 'object') return 0;
  const fields = Object.values(nullable.getFields());
  return 1 + argumentsCost(fields, value as Record<string, unknown>);
}

function included(input: CostInput, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  const variables = input.variables as Record<string, unknown>;
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}
