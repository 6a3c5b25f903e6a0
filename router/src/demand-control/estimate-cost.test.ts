import { buildSchema, getOperationAST, getVariableValues, Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { NO_COST_DIRECTIVES, readCostDirectives } from './cost-directives.ts';
import { estimateCost, MUTATION_BASE_COST } from './estimate-cost.ts';

// A supergraph in miniature: the cost spec linked, a connection sized by `first`, an unpaged
// list with an assumed size, an undeclared list, and weights on a type and a field.
const SDL = /* GraphQL */ `
  schema
    @link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])
  { query: Query mutation: Mutation }
  directive @link(url: String, as: String, import: [String]) repeatable on SCHEMA
  directive @cost(weight: Int!) on FIELD_DEFINITION | OBJECT | SCALAR | ENUM
  directive @listSize(
    assumedSize: Int, slicingArguments: [String!], sizedFields: [String!],
    requireOneSlicingArgument: Boolean = true
  ) on FIELD_DEFINITION

  type Query {
    search(input: SearchInput, first: Int = 20, last: Int): HotelConnection!
      @listSize(slicingArguments: ["first", "last"], sizedFields: ["edges"], assumedSize: 100,
        requireOneSlicingArgument: false)
    hotel(id: ID!): Hotel
    node(id: ID!): Node
    tags: [String!]!
  }
  type Mutation { addReview(input: ReviewInput!): Review! }
  input SearchInput { city: String, near: GeoInput }
  input GeoInput { lat: Float!, lng: Float! }
  input ReviewInput { rating: Int!, tags: [TagInput!] }
  input TagInput { name: String! }
  interface Node { id: ID! }
  type HotelConnection { edges: [HotelEdge!]! totalCount: Int! @cost(weight: 1) }
  type HotelEdge { cursor: String! node: Hotel! }
  type Hotel implements Node {
    id: ID!
    name: String!
    reviews(first: Int = 10): ReviewConnection!
      @listSize(slicingArguments: ["first"], sizedFields: ["edges"], assumedSize: 100,
        requireOneSlicingArgument: false)
    roomTypes: [RoomType!]! @listSize(assumedSize: 5)
    photos: [Photo!]!
  }
  type ReviewConnection { edges: [ReviewEdge!]! }
  type ReviewEdge { node: Review! }
  type Review implements Node { id: ID! rating: Int! author: User! }
  type User implements Node { id: ID! name: String! }
  type RoomType @cost(weight: 3) { id: ID! }
  type Photo { url: String! }
`;
const schema = buildSchema(SDL);
const directives = readCostDirectives(SDL);

function cost(query: string, variables: Record<string, unknown> = {}, defaultListSize = 50) {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  const fragments = Object.fromEntries(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [],
    ),
  );
  return estimateCost({
    schema,
    operation,
    fragments,
    variables: coerced.coerced,
    directives,
    defaultListSize,
  });
}

// The cost bomb of issue 9 in this schema, its sizes passed as variables.
const BOMB = /* GraphQL */ `
  query ($a: Int, $b: Int) {
    search(first: $a) { edges { node { reviews(first: $b) { edges { node { rating author { name } } } } } } }
  }
`;

describe('estimateCost', () => {
  it('multiplies nested lists by the sizes given in variables', () => {
    // connection 1 + a × (edge 1 + hotel 1 + connection 1 + b × (edge 1 + review 1 + user 1))
    expect(cost(BOMB, { a: 100, b: 100 })).toBe(1 + 100 * (3 + 100 * 3));
    expect(cost(BOMB, { a: 2, b: 3 })).toBe(1 + 2 * (3 + 3 * 3));
  });

  it('costs literals exactly as the same values in variables', () => {
    const literal = BOMB.replace('query ($a: Int, $b: Int)', 'query')
      .replace('$a', '100')
      .replace('$b', '100');
    expect(cost(literal)).toBe(cost(BOMB, { a: 100, b: 100 }));
  });

  it('uses the schema default for an absent or unknown variable, the assumed size for null', () => {
    const defaults = 1 + 20 * (3 + 10 * 3);
    expect(cost(BOMB)).toBe(defaults);
    expect(cost(BOMB, { other: 5 })).toBe(defaults);
    expect(cost('{ search { edges { node { id } } } }')).toBe(1 + 20 * 2);
    // `first: null` reaches the subgraph as null: costed at the declared largest page.
    expect(cost(BOMB, { a: null, b: null })).toBe(1 + 100 * (3 + 100 * 3));
  });

  it('takes the largest slicing argument and counts a negative one as 0', () => {
    const q = 'query ($f: Int, $l: Int) { search(first: $f, last: $l) { edges { cursor } } }';
    expect(cost(q, { f: 5, l: 40 })).toBe(1 + 40);
    expect(cost(q, { f: -5 })).toBe(1);
  });

  it('sizes lists by assumedSize, else the default list size; scalar lists are free', () => {
    expect(cost('{ hotel(id: "1") { roomTypes { id } } }')).toBe(1 + 5 * 3);
    expect(cost('{ hotel(id: "1") { photos { url } } }')).toBe(1 + 50);
    expect(cost('{ hotel(id: "1") { photos { url } } }', {}, 7)).toBe(1 + 7);
    expect(cost('{ tags }')).toBe(0);
  });

  it('weighs fields and types by @cost', () => {
    expect(cost('{ search(first: 1) { totalCount } }')).toBe(1 + 1);
  });

  it('flattens fragments and merges fields selected twice', () => {
    const spread = /* GraphQL */ `
      query ($a: Int) { search(first: $a) { ...Edges edges { node { id } } } }
      fragment Edges on HotelConnection { edges { ... on HotelEdge { node { name } } } }
    `;
    expect(cost(spread, { a: 10 })).toBe(1 + 10 * 2);
  });

  it('counts aliases apart: each one is fetched', () => {
    const q =
      '{ a: search(first: 10) { edges { cursor } } b: search(first: 10) { edges { cursor } } }';
    expect(cost(q)).toBe(2 * (1 + 10));
  });

  it('counts every type of an abstract field (an upper bound)', () => {
    const q =
      '{ node(id: "1") { id ... on Hotel { roomTypes { id } } ... on Review { author { id } } } }';
    expect(cost(q)).toBe(1 + 5 * 3 + 1);
  });

  it('honours @skip and @include with their variables', () => {
    const q =
      'query ($big: Boolean!) { search(first: 100) @include(if: $big) { edges { cursor } } hotel(id: "1") @skip(if: $big) { id } }';
    expect(cost(q, { big: false })).toBe(1);
    expect(cost(q, { big: true })).toBe(1 + 100);
  });

  it('adds the mutation base cost and 1 per input object', () => {
    const q = 'mutation ($input: ReviewInput!) { addReview(input: $input) { id author { name } } }';
    expect(cost(q, { input: { rating: 5 } })).toBe(MUTATION_BASE_COST + 1 + 2);
    const tagged = { input: { rating: 5, tags: [{ name: 'a' }, { name: 'b' }] } };
    expect(cost(q, tagged)).toBe(MUTATION_BASE_COST + 3 + 2);
    expect(cost('{ search(input: { near: { lat: 1, lng: 2 } }, first: 0) { totalCount } }')).toBe(
      2 + 1 + 1,
    );
  });

  it('costs introspection and __typename nothing', () => {
    expect(cost('{ __typename hotel(id: "1") { __typename } }')).toBe(1);
  });

  it('without declarations, sizes every list by the default list size', () => {
    const operation = getOperationAST(parse(BOMB));
    if (!operation) throw new Error('no operation');
    const estimate = estimateCost({
      schema,
      operation,
      fragments: {},
      variables: { a: 1, b: 1 },
      directives: NO_COST_DIRECTIVES,
      defaultListSize: 10,
    });
    // Connections are single objects now: only the two `edges` lists multiply.
    expect(estimate).toBe(1 + 10 * (3 + 10 * 3));
  });
});
