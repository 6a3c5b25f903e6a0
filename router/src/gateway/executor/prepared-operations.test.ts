import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { createPreparedOperations } from './prepared-operations.ts';

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])';
const composed = composeServices([
  {
    name: 'accounts',
    url: 'http://accounts.invalid/graphql',
    typeDefs: parse(`${LINK} type Query { me: User } type User @key(fields: "id") { id: ID! }`),
  },
  {
    name: 'reviews',
    url: 'http://reviews.invalid/graphql',
    typeDefs: parse(`${LINK} type User @key(fields: "id") { id: ID!, reviews: [String!]! }`),
  },
]);
if (!composed.supergraphSdl) throw new Error('composition failed');
const supergraph = Supergraph.build(composed.supergraphSdl);
const apiSchema = supergraph.apiSchema();
const schema = apiSchema.toGraphQLJSSchema();

function setUp(maxEntries?: number) {
  const planner = new QueryPlanner(supergraph);
  const plan = vi.spyOn(planner, 'buildQueryPlan');
  return { plan, prepared: createPreparedOperations({ apiSchema, planner, maxEntries }) };
}

const ME = parse('query A { me { id reviews } } query B { me { id } }');

describe('prepared operations', () => {
  it('plans an operation of a document once, after its first use asked for the plan', () => {
    const { plan, prepared } = setUp();
    const first = prepared.get('hash-1', ME, 'A', schema);
    expect(plan).not.toHaveBeenCalled();
    expect(first.planned().root?.kind).toBe('Sequence');
    expect(prepared.get('hash-1', ME, 'A', schema).planned()).toBe(first.planned());
    expect(plan).toHaveBeenCalledTimes(1);
    // Another operation of the same document is another entry.
    expect(prepared.get('hash-1', ME, 'B', schema).planned().root?.kind).toBe('Fetch');
    expect(plan).toHaveBeenCalledTimes(2);
  });

  it('throws for an unknown or missing operation name, as @apollo/gateway does', () => {
    const { prepared } = setUp();
    expect(() => prepared.get('hash-1', ME, 'Nope', schema)).toThrow('Unknown operation named');
    expect(() => prepared.get('hash-1', ME, undefined, schema)).toThrow('Must provide operation');
  });

  it('keeps the most recently used operations only', () => {
    const { plan, prepared } = setUp(2);
    for (const hash of ['h1', 'h2', 'h1', 'h3', 'h1', 'h2']) {
      prepared.get(hash, ME, 'B', schema).planned();
    }
    // h1 stayed (used again), h2 was dropped for h3 and planned again.
    expect(plan).toHaveBeenCalledTimes(4);
  });
});
