import { buildSchema, operationFromDocument } from '@apollo/federation-internals';
import { computeResponse } from '@apollo/gateway/dist/resultShaping.js';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compileShaping } from './result-shaping.ts';

const schema = buildSchema(`
  scalar DateTime
  enum Status { PENDING CONFIRMED }
  interface Node { id: ID! }
  type Hotel implements Node { id: ID! name: String! stars: Int rooms: [Room!]! owner: User }
  type Room implements Node { id: ID! beds: Int! status: Status price: Float }
  type User implements Node { id: ID! name: String tags: [String] joined: DateTime }
  union Found = Hotel | User
  type Query {
    hotel(id: ID!): Hotel
    hotels: [Hotel!]
    node(id: ID!): Node
    search: [Found]
    ok: Boolean!
  }
`);

// Each case: an operation and the merged subgraph data it is shaped from.
const cases: { name: string; query: string; variables?: Record<string, unknown>; input: any }[] = [
  {
    name: 'drops fields the operation did not select, keeps its order and aliases',
    query: '{ hotel(id: "1") { n: name id stars extra: name } ok }',
    input: {
      ok: true,
      hotel: { id: '1', __typename: 'Hotel', stars: 4, n: 'Lisboa', x: 1, extra: 'Lisboa' },
    },
  },
  {
    name: 'answers fragments on interfaces and unions by __typename',
    query: `{ node(id: "1") { id ... on Hotel { name } ... on User { name tags } }
              search { __typename ... on Hotel { id } ...U } }
            fragment U on User { name joined }`,
    input: {
      node: { __typename: 'User', id: 'u1', name: 'Ana', tags: ['a', null] },
      search: [
        { __typename: 'Hotel', id: 'h1' },
        null,
        { __typename: 'User', name: 'Rui', joined: { any: 'thing' } },
      ],
    },
  },
  {
    name: 'answers __typename, aliased, from the data or the field type',
    query: '{ hotel(id: "1") { t: __typename __typename rooms { __typename kind: __typename } } }',
    input: { hotel: { __typename: 'Hotel', rooms: [{ id: 'r1' }, { __typename: 'Room' }] } },
  },
  {
    name: 'applies @skip and @include, with variables and their defaults',
    query: `query Q($a: Boolean!, $b: Boolean = false) {
              hotel(id: "1") { id @skip(if: $a) name @include(if: $b) stars @include(if: true)
                ... on Hotel @skip(if: $b) { owner { name } } } }`,
    variables: { a: true },
    input: { hotel: { id: '1', name: 'n', stars: 2, owner: { name: 'o' } } },
  },
  {
    name: 'nulls a non-null field and bubbles up to the nearest nullable parent',
    query: '{ hotel(id: "1") { name rooms { id beds } } ok }',
    input: {
      ok: true,
      hotel: {
        name: 'n',
        rooms: [
          { id: 'r1', beds: 2 },
          { id: 'r2', beds: null },
        ],
      },
    },
  },
  {
    name: 'nulls the whole data when a non-null root field is missing',
    query: '{ ok hotel(id: "1") { name } }',
    input: { hotel: { name: 'n' } },
  },
  {
    name: 'reports invalid leaf values: wrong scalar, unknown enum value, a float as Int',
    query: '{ hotels { stars name rooms { beds status price } owner { name joined } } }',
    input: {
      hotels: [
        { stars: '4', name: 7, rooms: [{ beds: 1.5, status: 'GONE', price: 'x' }], owner: null },
        {
          stars: 3,
          name: 'ok',
          rooms: [{ beds: 2, status: 'PENDING', price: 10 }],
          owner: { name: true, joined: 5 },
        },
      ],
    },
  },
  {
    name: 'reports an unknown __typename',
    query: '{ node(id: "1") { id } hotel(id: "2") { name } }',
    input: { node: { __typename: 'Castle', id: 'c' }, hotel: { name: 'n' } },
  },
  {
    name: 'leaves a null list and a null nullable object as null',
    query: '{ hotels { id } search { __typename } hotel(id: "1") { owner { name } } }',
    input: { hotels: null, hotel: { owner: null } },
  },
  {
    name: 'merges a field selected twice with different subfields',
    query: '{ hotel(id: "1") { rooms { id } rooms { beds } owner { name } owner { id } } }',
    input: { hotel: { rooms: [{ id: 'r', beds: 1 }], owner: { id: 'u', name: 'n' } } },
  },
];

function shapeBoth(query: string, variables: Record<string, unknown> | undefined, input: any) {
  const operation = operationFromDocument(schema, parse(query), { validate: false });
  const introspection = () => ({ introspected: true });
  const run = (shape: () => unknown) => {
    try {
      return JSON.stringify(shape());
    } catch (error) {
      return `threw: ${(error as Error).message}`;
    }
  };
  // Each on its own copy: neither may see what the other wrote.
  const copy = () => structuredClone(input);
  return {
    stock: run(() =>
      computeResponse({
        operation,
        variables,
        input: copy(),
        introspectionHandling: introspection,
      }),
    ),
    compiled: run(() => compileShaping(operation)(copy(), variables, introspection)),
  };
}

describe('compiled result shaping', () => {
  it.each(cases)('answers as @apollo/gateway: $name', ({ query, variables, input }) => {
    const { stock, compiled } = shapeBoth(query, variables, input);
    expect(compiled).toBe(stock);
  });

  it('found something to report in the cases that should (the comparison can fail)', () => {
    const invalid = cases.find((c) => c.name.startsWith('reports invalid leaf'));
    const { compiled } = shapeBoth(invalid?.query ?? '', undefined, invalid?.input);
    expect(JSON.parse(compiled).errors.map((e: { path: unknown[] }) => e.path)).toEqual([
      ['hotels', 0, 'stars'],
      // The null non-null name ends hotel 0's walk: its rooms are not reached.
      ['hotels', 0, 'name'],
      ['hotels', 1, 'owner', 'name'],
    ]);
  });

  it('hands introspection fields to the handler and keeps its answer', () => {
    const { stock, compiled } = shapeBoth(
      '{ __type(name: "Hotel") { name } ok }',
      {},
      { ok: true },
    );
    expect(compiled).toBe(stock);
    expect(JSON.parse(compiled).data.__type).toEqual({ introspected: true });
  });

  it('throws what @apollo/gateway throws for data it can not shape', () => {
    for (const [query, variables, input] of [
      ['query Q($a: Boolean) { ok @skip(if: $a) }', {}, { ok: true }],
      ['{ hotels { id } }', undefined, { hotels: { id: '1' } }],
      ['{ hotel(id: "1") { name } }', undefined, { hotel: 'a string' }],
    ] as const) {
      const { stock, compiled } = shapeBoth(query, variables, input);
      expect(stock).toMatch(/^threw: /);
      expect(compiled).toBe(stock);
    }
  });

  it('answers no input as it came', () => {
    const operation = operationFromDocument(schema, parse('{ ok }'), { validate: false });
    expect(compileShaping(operation)(null, {}, () => null)).toEqual({ data: null, errors: [] });
  });
});
