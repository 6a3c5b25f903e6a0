import { type DocumentNode, Kind, type ValueNode } from 'graphql';

/**
 * A composed directive's local name in the supergraph: what the schema's `@link` of `url`
 * imports `@name` as (`import: ["@name"]`, or `{ name: "@name", as: "@other" }`). Undefined
 * when no `@link` imports it: the subgraphs did not compose it.
 */
export function linkedDirectiveName(
  document: DocumentNode,
  url: string,
  name: string,
): string | undefined {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) {
      continue;
    }
    for (const link of definition.directives ?? []) {
      if (link.name.value !== 'link') continue;
      const arg = (key: string) => link.arguments?.find((a) => a.name.value === key)?.value;
      if (stringOf(arg('url')) !== url) continue;
      const imports = arg('import');
      for (const item of imports?.kind === Kind.LIST ? imports.values : []) {
        if (stringOf(item) === `@${name}`) return name;
        if (item.kind !== Kind.OBJECT) continue;
        const field = (key: string) =>
          stringOf(item.fields.find((f) => f.name.value === key)?.value);
        if (field('name') === `@${name}`) return field('as')?.replace(/^@/, '');
      }
    }
  }
  return undefined;
}

export function stringOf(value: ValueNode | undefined): string | undefined {
  return value?.kind === Kind.STRING ? value.value : undefined;
}
