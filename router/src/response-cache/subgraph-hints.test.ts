import { readdirSync, readFileSync } from 'node:fs';
import {
  type ConstDirectiveNode,
  Kind,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  parse,
  type TypeNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';

// The printed subgraph schemas the supergraph is composed from (schema/subgraphs/*.graphql).
const dir = new URL('../../../schema/subgraphs/', import.meta.url);
const subgraphs = readdirSync(dir)
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => [file, readFileSync(new URL(file, dir), 'utf8')] as const);

type ObjectNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);
const named = (type: TypeNode): string =>
  type.kind === Kind.NAMED_TYPE ? type.name.value : named(type.type);
const directive = (node: { directives?: readonly ConstDirectiveNode[] }, name: string) =>
  node.directives?.find((d) => d.name.value === name);
/** Another subgraph's entity, as this one sees it: `@extends` or `@key(resolvable: false)`. */
const isStub = (type: ObjectNode) =>
  Boolean(directive(type, 'extends')) ||
  Boolean(
    directive(type, 'key')?.arguments?.some(
      (a) => a.name.value === 'resolvable' && a.value.kind === Kind.BOOLEAN && !a.value.value,
    ),
  );

// Without a hint the gateway computes no-store for any answer touching the type (STYLE #6).
describe.each(subgraphs)('cache hints of %s', (_file, sdl) => {
  const objects = parse(sdl).definitions.filter(
    (d): d is ObjectNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION,
  );
  const byName = new Map(objects.map((type) => [type.name.value, type]));

  it('gives every object type a @cacheControl hint', () => {
    const missing = objects
      .filter((type) => !ROOTS.has(type.name.value) && !directive(type, 'cacheControl'))
      .map((type) => type.name.value);
    expect(missing).toEqual([]);
  });

  it("lets every field returning another subgraph's entity inherit its max age", () => {
    const missing = objects.flatMap((type) =>
      (type.fields ?? [])
        .filter((field) => {
          const target = byName.get(named(field.type));
          if (!target || !isStub(target) || ROOTS.has(type.name.value)) return false;
          const hint = directive(field, 'cacheControl');
          return !hint?.arguments?.some((a) => a.name.value === 'inheritMaxAge');
        })
        .map((field) => `${type.name.value}.${field.name.value}`),
    );
    expect(missing).toEqual([]);
  });
});
