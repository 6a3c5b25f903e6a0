import { describe, expect, it } from 'vitest';
import { readCostDirectives } from './cost-directives.ts';

const TYPES = /* GraphQL */ `
  type Query {
    hotels(first: Int): [Hotel!]! @SIZE(slicingArguments: ["first"], assumedSize: 100)
    page(first: Int): Conn! @SIZE(slicingArguments: "first", sizedFields: ["edges"])
  }
  type Conn { edges: [Hotel!]! count: Int! @COST(weight: 4) }
  type Hotel @COST(weight: 2) { id: ID! }
  extend type Hotel { rooms: [ID!]! @SIZE(assumedSize: 3) }
`;

function supergraph(link: string, size: string, cost: string): string {
  return `schema ${link} { query: Query }\n${TYPES.replaceAll('SIZE', size).replaceAll('COST', cost)}`;
}

describe('readCostDirectives', () => {
  it('reads @listSize and @cost as composition writes them', () => {
    const read = readCostDirectives(
      supergraph(
        '@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])',
        'listSize',
        'cost',
      ),
    );
    expect(read.listSize('Query', 'hotels')).toEqual({
      assumedSize: 100,
      slicingArguments: ['first'],
      sizedFields: [],
    });
    expect(read.listSize('Query', 'page')).toEqual({
      assumedSize: undefined,
      slicingArguments: ['first'],
      sizedFields: ['edges'],
    });
    expect(read.listSize('Hotel', 'rooms')?.assumedSize).toBe(3);
    expect(read.fieldWeight('Conn', 'count')).toBe(4);
    expect(read.typeWeight('Hotel')).toBe(2);
    expect(read.typeWeight('Conn')).toBeUndefined();
    expect(read.listSize('Conn', 'edges')).toBeUndefined();
  });

  it('follows the names the link gives them', () => {
    const renamed = readCostDirectives(
      supergraph(
        '@link(url: "https://specs.apollo.dev/cost/v0.1", as: "price", import: [{ name: "@listSize", as: "@size" }])',
        'size',
        'price',
      ),
    );
    expect(renamed.listSize('Query', 'hotels')?.assumedSize).toBe(100);
    expect(renamed.typeWeight('Hotel')).toBe(2);
    const prefixed = readCostDirectives(
      supergraph('@link(url: "https://specs.apollo.dev/cost/v0.1")', 'cost__listSize', 'cost'),
    );
    expect(prefixed.listSize('Hotel', 'rooms')?.assumedSize).toBe(3);
  });

  it('reads nothing when the cost spec is not linked (same-named directives of another kind)', () => {
    const unlinked = readCostDirectives(supergraph('', 'listSize', 'cost'));
    expect(unlinked.listSize('Query', 'hotels')).toBeUndefined();
    expect(unlinked.typeWeight('Hotel')).toBeUndefined();
  });
});
