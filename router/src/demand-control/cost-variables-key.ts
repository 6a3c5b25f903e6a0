import type { VariableDefinitionNode } from 'graphql';

/**
 * The part of an operation's coerced variables its estimate can depend on, as a string:
 * operations whose variables give the same key cost the same. `estimateCost` reads numbers
 * (`first`, slicing arguments), booleans (`@skip`/`@include`), whether a value is null or
 * absent (defaults, assumed sizes, an argument that does not coerce), list lengths and input
 * objects' fields (1 per object). It never reads a string's content: ids, cities and dates
 * all print as `s`, so the traffic of one operation over many ids shares one entry. The
 * supergraph's schema has no custom scalar parsing (its scalars pass values through), so no
 * string can become a number on the way.
 */
export function costVariablesKey(
  definitions: readonly VariableDefinitionNode[],
  variables: Readonly<Record<string, unknown>>,
): string {
  let key = '';
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    // Absent (the argument's default applies) and null are different costs.
    key += Object.hasOwn(variables, name) ? `${shape(variables[name])};` : '-;';
  }
  return key;
}

function shape(value: unknown): string {
  if (value === null || value === undefined) return 'n';
  switch (typeof value) {
    case 'number':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    case 'object':
      break;
    default:
      return 's';
  }
  if (Array.isArray(value)) return `[${value.map(shape).join(',')}]`;
  let out = '{';
  for (const [field, inner] of Object.entries(value)) {
    if (inner !== undefined) out += `${JSON.stringify(field)}:${shape(inner)},`;
  }
  return `${out}}`;
}
