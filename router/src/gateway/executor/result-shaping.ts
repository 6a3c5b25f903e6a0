import {
  assert,
  type CompositeType,
  type Directive,
  type EnumType,
  ERRORS,
  type Field,
  type FieldSelection,
  type FragmentElement,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isSubtype,
  isValidLeafValue,
  type NamedType,
  type Operation,
  type ScalarType,
  type Schema,
  type SelectionSet,
  type Type,
  typenameFieldName,
  Variable,
} from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql';
import type { ResultMap } from './plan-execution.ts';

/** What @apollo/gateway's `computeResponse` answers: the shaped data and its value errors. */
export interface ShapedResponse {
  data: ResultMap | null | undefined;
  errors: GraphQLError[];
}

export type ShapeResponse = (
  input: ResultMap | null | undefined,
  variables: Record<string, unknown> | undefined,
  introspection: (selection: FieldSelection) => unknown,
) => ShapedResponse;

type Variables = Record<string, unknown>;
/** Whether a selection is left out, for these variables (`@skip`, `@include`). */
type SkipTest = (variables: Variables) => boolean;

type Step =
  | {
      kind: 'field';
      skip: SkipTest | undefined;
      responseName: string;
      /** `__typename` (aliased or not), answered from the input's type. */
      typename: boolean;
      /** `__schema` / `__type`, answered by `introspection`. */
      introspected: FieldSelection | undefined;
      type: Type;
      selectionSet: Step[] | undefined;
    }
  | {
      kind: 'fragment';
      skip: SkipTest | undefined;
      typeCondition: CompositeType | undefined;
      selectionSet: Step[];
      /** Whether the condition applies, by the input's `__typename` or, without one, parent. */
      applies: Map<string | NamedType, boolean>;
    };

/** One shaping's state; `invalid`/`hasErrors` describe the value `update` returned last. */
interface Shaping {
  schema: Schema;
  variables: Variables;
  errors: GraphQLError[];
  introspection: (selection: FieldSelection) => unknown;
  invalid: boolean;
  hasErrors: boolean;
}

const OK = 0;
const NULL_BUBBLE_UP = 1;

/**
 * @apollo/gateway's result shaping (`computeResponse` in resultShaping.js) for one operation,
 * with what the operation decides read once: selections, response names, field types and
 * `@skip`/`@include` compiled when the operation is prepared, type conditions remembered per
 * `__typename`. It walks the merged subgraph data the same way and answers the same data and
 * errors (the same messages and paths, the same assertions): result-shaping.test.ts compares
 * the two over the same inputs.
 */
export function compileShaping(operation: Operation): ShapeResponse {
  const schema = operation.schema();
  const rootType = schema.schemaDefinition.rootType(operation.rootKind);
  if (!rootType) throw new Error(`No ${operation.rootKind} type in the schema`);
  let conditional = false;
  const skipTest = (element: Field | FragmentElement) => {
    const [skip] = element.appliedDirectivesOf(schema.skipDirective());
    const [include] = element.appliedDirectivesOf(schema.includeDirective());
    if (!skip && !include) return undefined;
    conditional = true;
    return (variables: Variables) =>
      Boolean((skip && ifValue(skip, variables)) || (include && !ifValue(include, variables)));
  };
  const compile = (selectionSet: SelectionSet): Step[] =>
    selectionSet.selections().map((selection): Step => {
      if (selection.kind === 'FieldSelection') {
        const field = selection.element;
        return {
          kind: 'field',
          skip: skipTest(field),
          responseName: field.responseName(),
          typename: field.name === typenameFieldName,
          introspected: field.definition.isSchemaIntrospectionField() ? selection : undefined,
          type: field.definition.type as Type,
          selectionSet: selection.selectionSet && compile(selection.selectionSet),
        };
      }
      return {
        kind: 'fragment',
        skip: skipTest(selection.element),
        typeCondition: selection.element.typeCondition,
        selectionSet: compile(selection.selectionSet),
        applies: new Map(),
      };
    });
  const steps = compile(operation.selectionSet);
  const defaulted = operation.collectDefaultedVariableValues();

  return (input, variables, introspection) => {
    if (!input) return { data: input, errors: [] };
    const shaping: Shaping = {
      schema,
      // Only `@skip`/`@include` read variables: the merge is skipped when nothing does.
      variables: conditional ? { __proto__: null, ...defaulted, ...variables } : {},
      errors: [],
      introspection,
      invalid: false,
      hasErrors: false,
    };
    const data = Object.create(null);
    const result = applySelectionSet(shaping, input, steps, data, [], rootType);
    return { data: result === NULL_BUBBLE_UP ? null : data, errors: shaping.errors };
  };
}

// biome-ignore lint/suspicious/noExplicitAny: `@skip`/`@include` on a field or a fragment.
function ifValue(directive: Directive<any, { if: boolean | Variable }>, variables: Variables) {
  const condition = directive.arguments().if;
  if (!(condition instanceof Variable)) return condition;
  const value = variables[condition.name];
  assert(
    value !== undefined && typeof value === 'boolean',
    () => `Unexpected value ${value} for variable ${condition} of ${directive}`,
  );
  return value as boolean;
}

function applySelectionSet(
  shaping: Shaping,
  input: ResultMap,
  steps: Step[],
  output: ResultMap,
  path: (string | number)[],
  parentType: NamedType,
): typeof OK | typeof NULL_BUBBLE_UP {
  for (const step of steps) {
    if (step.skip?.(shaping.variables)) continue;
    if (step.kind === 'fragment') {
      const typename = input[typenameFieldName];
      assert(
        !typename || typeof typename === 'string',
        () => `Got unexpected value for __typename: ${typename}`,
      );
      if (!typeConditionApplies(shaping.schema, step, typename, parentType)) continue;
      const inner = step.typeCondition ?? parentType;
      if (applySelectionSet(shaping, input, step.selectionSet, output, path, inner)) {
        return NULL_BUBBLE_UP;
      }
      continue;
    }
    const { responseName } = step;
    const outputValue = output[responseName];
    if (step.introspected) {
      if (outputValue === undefined)
        output[responseName] = shaping.introspection(step.introspected);
      continue;
    }
    let inputValue = Object.hasOwn(input, responseName) ? (input[responseName] ?? null) : null;
    if (step.typename) {
      if (outputValue !== undefined) continue;
      if (inputValue === null && responseName !== typenameFieldName) {
        inputValue = input[typenameFieldName] ?? null;
      }
      const type =
        inputValue !== null && typeof inputValue === 'string'
          ? (shaping.schema.type(inputValue) ?? parentType)
          : parentType;
      if (!isObjectType(type)) return NULL_BUBBLE_UP;
      output[responseName] = type.name;
      continue;
    }
    path.push(responseName);
    output[responseName] = update(
      shaping,
      outputValue,
      step.type,
      inputValue,
      step.selectionSet,
      path,
      parentType,
    );
    path.pop();
    if (shaping.invalid) return NULL_BUBBLE_UP;
  }
  return OK;
}

/** `typeConditionApplies` of resultShaping.js, remembered per typename (or parent type). */
function typeConditionApplies(
  schema: Schema,
  step: Extract<Step, { kind: 'fragment' }>,
  typename: string | undefined,
  parentType: NamedType,
): boolean {
  const { typeCondition, applies } = step;
  if (!typeCondition) return true;
  const by = typename || parentType;
  let answer = applies.get(by);
  if (answer === undefined) {
    if (typename) {
      const type = schema.type(typename);
      answer = !!type && isSubtype(typeCondition, type);
    } else {
      answer = isSubtype(typeCondition, parentType);
    }
    applies.set(by, answer);
  }
  return answer;
}

function lastElementDescription(path: (string | number)[], type: Type, parentType: NamedType) {
  const element = path[path.length - 1];
  assert(element !== undefined, 'Should not have been called on an empty path');
  return typeof element === 'string'
    ? `field ${parentType}.${element}`
    : `array element of type ${type} at index ${element}`;
}

/**
 * `updateOutputValue` of resultShaping.js: the shaped value, with its `isInvalid` and
 * `hasErrors` left in `shaping` rather than in an object per value.
 */
function update(
  shaping: Shaping,
  outputValue: unknown,
  type: Type,
  inputValue: unknown,
  selectionSet: Step[] | undefined,
  path: (string | number)[],
  parentType: NamedType,
): unknown {
  assert(inputValue !== undefined, 'Should not pass undefined for `inputValue` to this method');
  shaping.invalid = false;
  shaping.hasErrors = false;
  if (outputValue === null || (outputValue !== undefined && !selectionSet)) return outputValue;
  if (isNonNullType(type)) {
    const updated = update(
      shaping,
      outputValue,
      type.ofType,
      inputValue,
      selectionSet,
      path,
      parentType,
    );
    if (updated === null) {
      if (!shaping.hasErrors) {
        const where = lastElementDescription(path, type.ofType, parentType);
        shaping.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${where}.`, {
            path: Array.from(path),
          }),
        );
      }
      shaping.invalid = true;
      shaping.hasErrors = true;
      return updated;
    }
    shaping.invalid = false;
    shaping.hasErrors = false;
    return updated;
  }
  if (inputValue === null) return null;
  if (isListType(type)) {
    return updateList(shaping, outputValue, type, inputValue, selectionSet, path, parentType);
  }
  if (isCompositeType(type)) {
    assert(selectionSet, () => `Invalid empty selection set for composite type ${type}`);
    assert(
      typeof inputValue === 'object',
      () =>
        `Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`,
    );
    assert(
      outputValue === undefined || typeof outputValue === 'object',
      () =>
        `Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`,
    );
    const inputObject = inputValue as ResultMap;
    const inputTypename = inputObject[typenameFieldName];
    assert(
      inputTypename === undefined || typeof inputTypename === 'string',
      () => `Invalid non-string value ${inputTypename} for __typename at ${path}`,
    );
    let objectType: NamedType = type;
    if (inputTypename) {
      const typenameType = shaping.schema.type(inputTypename);
      if (!typenameType || !isCompositeType(typenameType)) {
        const where = lastElementDescription(path, type, parentType);
        shaping.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${where}.`, {
            path: Array.from(path),
          }),
        );
        shaping.hasErrors = true;
        return null;
      }
      objectType = typenameType;
    }
    const output = (outputValue ?? Object.create(null)) as ResultMap;
    const result = applySelectionSet(shaping, inputObject, selectionSet, output, path, objectType);
    shaping.invalid = false;
    shaping.hasErrors = result === NULL_BUBBLE_UP;
    return shaping.hasErrors ? null : output;
  }
  assert(
    outputValue === undefined,
    () => `Excepted output to be undefined but got ${type} for type ${type}`,
  );
  // A field's output type, here neither composite nor a wrapper: a scalar or an enum.
  const valid = isValidLeafValue(shaping.schema, inputValue, type as ScalarType | EnumType);
  if (!valid) {
    const where = lastElementDescription(path, type, parentType);
    shaping.errors.push(
      ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${where}.`, { path: Array.from(path) }),
    );
    shaping.hasErrors = true;
  }
  return valid ? inputValue : null;
}

function updateList(
  shaping: Shaping,
  outputValue: unknown,
  type: Extract<Type, { kind: 'ListType' }>,
  inputValue: unknown,
  selectionSet: Step[] | undefined,
  path: (string | number)[],
  parentType: NamedType,
): unknown {
  assert(
    Array.isArray(inputValue),
    () => `Invalid non-list value ${inputValue} returned by subgraph for list type ${type}`,
  );
  assert(
    outputValue === undefined || Array.isArray(outputValue),
    () => `Invalid non-list value ${outputValue} returned by subgraph for list type ${type}`,
  );
  const outputs = outputValue as unknown[] | undefined;
  const length = outputs ? outputs.length : inputValue.length;
  assert(
    inputValue.length === length,
    () => `[${inputValue}].length (${inputValue.length}) !== [${outputs}].length (${length})`,
  );
  let nullify = false;
  let hasErrors = false;
  const updated = new Array(length);
  for (let index = 0; index < length; index++) {
    path.push(index);
    const element = outputs ? outputs[index] : undefined;
    updated[index] = update(
      shaping,
      element,
      type.ofType,
      inputValue[index],
      selectionSet,
      path,
      parentType,
    );
    path.pop();
    nullify ||= shaping.invalid;
    hasErrors ||= shaping.hasErrors;
  }
  shaping.invalid = false;
  shaping.hasErrors = hasErrors;
  return nullify ? null : updated;
}
