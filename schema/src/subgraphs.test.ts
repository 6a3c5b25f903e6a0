import { cacheHint } from '@travel/service-kit';
import { type GraphQLSchema, getDirectiveValues, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS } from './subgraphs.ts';

/** Every `@cacheControl` of a schema, as `Type` or `Type.field` → its arguments. */
function cacheHintsOf(schema: GraphQLSchema): Array<[string, Record<string, unknown>]> {
  const directive = schema.getDirective('cacheControl');
  if (!directive) return [];
  const hints: Array<[string, Record<string, unknown>]> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.astNode) continue;
    const own = getDirectiveValues(directive, type.astNode);
    if (own) hints.push([type.name, own]);
    for (const field of Object.values(type.getFields())) {
      const hint = field.astNode && getDirectiveValues(directive, field.astNode);
      if (hint) hints.push([`${type.name}.${field.name}`, hint]);
    }
  }
  return hints;
}

const presets = Object.values(cacheHint).map((preset) => JSON.stringify(preset));

describe.each(SUBGRAPHS.map((entry) => [entry.name, entry] as const))(
  'the %s subgraph schema',
  (_name, entry) => {
    it("declares GraphQL's own directives next to @cacheControl", async () => {
      const schema = await entry.load();
      for (const name of ['include', 'skip', 'deprecated', 'specifiedBy', 'cacheControl']) {
        expect(schema.getDirective(name), `@${name}`).toBeDefined();
      }
    });

    it("takes every cache hint from the kit's presets", async () => {
      const hints = cacheHintsOf(await entry.load());
      expect(hints.length).toBeGreaterThan(0);
      for (const [where, hint] of hints) {
        expect(presets, `@cacheControl on ${where}`).toContain(JSON.stringify(hint));
      }
    });
  },
);
