import {
  type ConstDirectiveNode,
  type ConstValueNode,
  type DefinitionNode,
  isTypeDefinitionNode,
  isTypeExtensionNode,
  Kind,
  parse,
} from 'graphql';

/** A field's `@listSize`, as the IBM cost spec (Federation 2.9's `cost/v0.1`) defines it. */
export interface ListSize {
  /** Size when no slicing argument gives one. */
  assumedSize: number | undefined;
  /** Arguments whose value is the size (`first`); the largest given one counts. */
  slicingArguments: readonly string[];
  /** Child fields the size applies to (`edges` of a connection); none: the field itself. */
  sizedFields: readonly string[];
}

/** The `@cost` and `@listSize` of a supergraph, by type and by `Type.field`. */
export interface CostDirectives {
  /** `@cost(weight:)` of an object, scalar or enum type. */
  typeWeight(type: string): number | undefined;
  /** `@cost(weight:)` of a field. */
  fieldWeight(type: string, field: string): number | undefined;
  listSize(type: string, field: string): ListSize | undefined;
}

const COST_SPEC = 'https://specs.apollo.dev/cost/';

/** No declarations: every list has the default size, every type its default weight. */
export const NO_COST_DIRECTIVES: CostDirectives = {
  typeWeight: () => undefined,
  fieldWeight: () => undefined,
  listSize: () => undefined,
};

/**
 * Reads the declarations composition carried into the supergraph from the subgraphs'
 * `@cost`/`@listSize`. The names are the ones the supergraph's `@link` to the cost spec gives
 * them (imported, renamed with `as`, or prefixed `cost__`), so a rename cannot hide them.
 */
export function readCostDirectives(supergraphSdl: string): CostDirectives {
  const { definitions } = parse(supergraphSdl, { noLocation: true });
  const names = costDirectiveNames(definitions);
  if (!names) return NO_COST_DIRECTIVES;
  const types = new Map<string, number>();
  const weights = new Map<string, number>();
  const sizes = new Map<string, ListSize>();
  for (const definition of definitions) {
    if (!isTypeDefinitionNode(definition) && !isTypeExtensionNode(definition)) continue;
    const type = definition.name.value;
    const weight = weightOf(definition.directives, names.cost);
    if (weight !== undefined) types.set(type, weight);
    if (!('fields' in definition)) continue;
    for (const field of definition.fields ?? []) {
      if (field.kind !== Kind.FIELD_DEFINITION) continue;
      const key = `${type}.${field.name.value}`;
      const fieldWeight = weightOf(field.directives, names.cost);
      if (fieldWeight !== undefined) weights.set(key, fieldWeight);
      const listSize = field.directives?.find((d) => d.name.value === names.listSize);
      if (listSize) sizes.set(key, listSizeOf(listSize));
    }
  }
  return {
    typeWeight: (type) => types.get(type),
    fieldWeight: (type, field) => weights.get(`${type}.${field}`),
    listSize: (type, field) => sizes.get(`${type}.${field}`),
  };
}

/** The local names of `@cost` and `@listSize`, or undefined when the cost spec is not linked. */
function costDirectiveNames(definitions: readonly DefinitionNode[]) {
  for (const definition of definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) {
      continue;
    }
    for (const link of definition.directives ?? []) {
      if (link.name.value !== 'link') continue;
      const url = argument(link, 'url');
      if (url?.kind !== Kind.STRING || !url.value.startsWith(COST_SPEC)) continue;
      const as = argument(link, 'as');
      const prefix = as?.kind === Kind.STRING ? as.value : 'cost';
      const imports = argument(link, 'import');
      const imported = (name: string) => importedAs(imports, name);
      return {
        // The spec's eponymous directive is `@<prefix>` without an import.
        cost: imported('cost') ?? prefix,
        listSize: imported('listSize') ?? `${prefix}__listSize`,
      };
    }
  }
  return undefined;
}

/** `import: ["@listSize", { name: "@cost", as: "@weight" }]` → the local name, without `@`. */
function importedAs(imports: ConstValueNode | undefined, name: string): string | undefined {
  if (imports?.kind !== Kind.LIST) return undefined;
  for (const entry of imports.values) {
    if (entry.kind === Kind.STRING && entry.value === `@${name}`) return name;
    if (entry.kind !== Kind.OBJECT) continue;
    const field = (key: string) => entry.fields.find((f) => f.name.value === key)?.value;
    const from = field('name');
    const to = field('as');
    if (from?.kind === Kind.STRING && from.value === `@${name}`) {
      return to?.kind === Kind.STRING ? to.value.replace(/^@/, '') : name;
    }
  }
  return undefined;
}

function weightOf(
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string,
): number | undefined {
  const cost = directives?.find((d) => d.name.value === name);
  return cost ? intOf(argument(cost, 'weight')) : undefined;
}

function listSizeOf(directive: ConstDirectiveNode): ListSize {
  return {
    assumedSize: intOf(argument(directive, 'assumedSize')),
    slicingArguments: stringsOf(argument(directive, 'slicingArguments')),
    sizedFields: stringsOf(argument(directive, 'sizedFields')),
  };
}

function argument(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

function intOf(value: ConstValueNode | undefined): number | undefined {
  return value?.kind === Kind.INT ? Number(value.value) : undefined;
}

function stringsOf(value: ConstValueNode | undefined): string[] {
  if (value?.kind === Kind.STRING) return [value.value];
  if (value?.kind !== Kind.LIST) return [];
  return value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
}
