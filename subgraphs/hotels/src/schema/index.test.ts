import { printSubgraphSchema } from '@apollo/subgraph';
import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from './index.ts';

const ROOTS = new Set(['Query', 'Mutation', '_Service']);
const directivesOf = (node?: { directives?: readonly { name: { value: string } }[] } | null) =>
  (node?.directives ?? []).map((directive) => directive.name.value);

describe('hotels subgraph schema', () => {
  it('gives every object type a cache hint, or the gateway caches nothing', () => {
    const types = Object.values(schema.getTypeMap()).filter(
      (type) => isObjectType(type) && !type.name.startsWith('__') && !ROOTS.has(type.name),
    );
    expect(types.length).toBeGreaterThan(8);
    const unhinted = types.filter((type) => !directivesOf(type.astNode).includes('cacheControl'));
    expect(unhinted.map((type) => type.name)).toEqual([]);
  });

  it('lets references to accounts users inherit their max age', () => {
    const sdl = printSubgraphSchema(schema);
    expect(sdl).toMatch(/owner: User! @cacheControl\(inheritMaxAge: true\)/);
    expect(sdl).toMatch(/author: User! @cacheControl\(inheritMaxAge: true\)/);
  });

  it('declares the entities it owns and shares Money and PageInfo', () => {
    const sdl = printSubgraphSchema(schema);
    for (const entity of ['Hotel', 'RoomType', 'Review']) {
      expect(sdl).toMatch(new RegExp(`type ${entity}\\s+@key\\(fields: "id"\\)`));
    }
    expect(sdl).toMatch(/type Money\s+@shareable/);
    expect(sdl).toMatch(/type PageInfo\s+@shareable/);
    expect(sdl).toMatch(/type User[^{]*@key\(fields: "id"\)[^{]*\{\s+id: ID! @external\s/);
  });
});
