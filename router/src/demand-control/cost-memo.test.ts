import { readFileSync } from 'node:fs';
import {
  buildSchema,
  type DocumentNode,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { type CostDirectives, readCostDirectives } from './cost-directives.ts';
import { createCostMemo } from './cost-memo.ts';
import { estimateCost, MUTATION_BASE_COST } from './estimate-cost.ts';

// The committed schema, as demand-control.test.ts reads it.
const read = (path: string) =>
  readFileSync(new URL(`../../../schema/${path}`, import.meta.url), 'utf8');
const directives = readCostDirectives(read('supergraph.graphql'));
const schema = buildSchema(read('api.graphql'));
const partner = JSON.parse(read('persisted-queries/partner.json')) as {
  operations: { name: string; body: string }[];
};

interface Parsed {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

function parsed(query: string): Parsed {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return { document, operation };
}

function coerce(on: GraphQLSchema, { operation }: Parsed, variables: Record<string, unknown>) {
  const coerced = getVariableValues(on, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  return coerced.coerced;
}

/** The estimate as demand control made it before the memo: from scratch, every time. */
function fresh(on: GraphQLSchema, { document, operation }: Parsed, variables: object) {
  const fragments = Object.fromEntries(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [],
    ),
  );
  return estimateCost({
    schema: on,
    operation,
    fragments,
    variables: variables as Record<string, unknown>,
    directives,
    defaultListSize: 100,
  });
}

/** The declarations, counting how often the estimate reads them (a memo hit reads none). */
function counted(inner: CostDirectives) {
  const counter = { reads: 0 };
  const count =
    <A extends unknown[], R>(read: (...args: A) => R) =>
    (...args: A) => {
      counter.reads++;
      return read(...args);
    };
  const wrapped: CostDirectives = {
    typeWeight: count(inner.typeWeight),
    fieldWeight: count(inner.fieldWeight),
    listSize: count(inner.listSize),
  };
  return { counter, wrapped };
}

const BOMB = parsed(
  'query ($a: Int, $b: Int) { searchHotels(input: {}, first: $a) { edges { node { reviews(first: $b) { edges { node { rating author { name } } } } } } } }',
);

describe('createCostMemo', () => {
  it('returns what a fresh estimate does, for varied variables in any order', () => {
    const estimate = createCostMemo({ directives, defaultListSize: 100, entriesPerOperation: 4 });
    const search = parsed(
      partner.operations.find((o) => o.name === 'PartnerSearchHotels')?.body ?? '',
    );
    const cases: Array<[Parsed, Record<string, unknown>]> = [
      [BOMB, { a: 1, b: 2 }],
      [BOMB, { a: 2, b: 1 }],
      [BOMB, { a: null, b: 3 }],
      [BOMB, {}],
      [BOMB, { a: -4 }],
      [BOMB, { b: 0 }],
      [search, { input: { city: 'Lisbon' }, first: 7 }],
      [search, { input: { city: 'Porto' }, first: 7, after: 'c' }],
      [search, { input: {}, first: 50 }],
      [search, { input: {} }],
    ];
    // Twice over, the second pass in reverse: hits, misses and evictions (4 entries) mixed.
    for (const [query, variables] of [...cases, ...cases.reverse(), ...cases]) {
      const coerced = coerce(schema, query, variables);
      const expected = fresh(schema, query, coerced);
      expect(
        estimate(schema, query.document, query.operation, coerced),
        JSON.stringify(variables),
      ).toBe(expected);
    }
  });

  it('estimates every partner operation as a fresh estimate does, ids and dates varied', () => {
    const estimate = createCostMemo({ directives, defaultListSize: 100 });
    const input = (name: string) =>
      name === 'PartnerCreateBooking'
        ? {
            roomTypeId: 'r',
            checkIn: '2027-01-01',
            checkOut: '2027-01-02',
            guests: 2,
            idempotencyKey: 'k',
          }
        : { city: 'Lisbon' };
    for (const { name, body } of partner.operations) {
      const query = parsed(body);
      for (const id of ['1', '2', 'h-3']) {
        const variables = {
          id,
          hotelId: id,
          checkIn: '2027-01-01',
          checkOut: '2027-01-03',
          input: input(name),
        };
        const coerced = coerce(schema, query, variables);
        expect(estimate(schema, query.document, query.operation, coerced), name).toBe(
          fresh(schema, query, coerced),
        );
      }
    }
  });

  it('keys on the values that size lists, not on ids or other strings', () => {
    const { counter, wrapped } = counted(directives);
    const estimate = createCostMemo({ directives: wrapped, defaultListSize: 100 });
    const query = parsed(
      'query ($id: ID!, $first: Int) { hotel(id: $id) { reviews(first: $first) { edges { node { rating } } } } }',
    );
    const run = (variables: Record<string, unknown>) =>
      estimate(schema, query.document, query.operation, coerce(schema, query, variables));

    const first = run({ id: '1', first: 5 });
    const reads = counter.reads;
    expect(reads).toBeGreaterThan(0);
    expect(run({ id: '2', first: 5 })).toBe(first);
    expect(counter.reads).toBe(reads); // served from the memo
    expect(run({ id: '2', first: 6 })).toBe(fresh(schema, query, { id: '2', first: 6 }));
    expect(counter.reads).toBeGreaterThan(reads);
    // Absent (the default applies) and null (the assumed size) are told apart.
    expect(run({ id: '1' })).toBe(fresh(schema, query, { id: '1' }));
    expect(run({ id: '1', first: null })).toBe(fresh(schema, query, { id: '1', first: null }));
    expect(run({ id: '1' })).not.toBe(run({ id: '1', first: 1 }));
  });

  it('honours @include and @skip variables', () => {
    const estimate = createCostMemo({ directives, defaultListSize: 100 });
    const query = parsed(
      'query ($big: Boolean!, $small: Boolean = false) { searchHotels(input: {}, first: 100) @include(if: $big) { edges { node { id } } } me @skip(if: $small) { id } }',
    );
    for (const variables of [
      { big: true },
      { big: false },
      { big: true, small: true },
      { big: false, small: true },
      { big: true },
      { big: false, small: false },
    ]) {
      const coerced = coerce(schema, query, variables);
      expect(
        estimate(schema, query.document, query.operation, coerced),
        JSON.stringify(variables),
      ).toBe(fresh(schema, query, coerced));
    }
    const cost = (variables: Record<string, unknown>) =>
      estimate(schema, query.document, query.operation, coerce(schema, query, variables));
    expect(cost({ big: true })).toBeGreaterThan(cost({ big: false }));
  });

  it('counts input objects and list lengths in variables', () => {
    const estimate = createCostMemo({ directives, defaultListSize: 100 });
    const tagged = buildSchema(
      'type Query { a: Int } type Mutation { tag(input: TagsInput): Int } input TagsInput { tags: [TagInput!], note: TagInput } input TagInput { name: String! }',
    );
    const query = parsed('mutation ($input: TagsInput) { tag(input: $input) }');
    const costs = [
      { input: null },
      { input: {} },
      { input: { tags: [] } },
      { input: { tags: [{ name: 'a' }] } },
      { input: { tags: [{ name: 'b' }, { name: 'c' }] } },
      { input: { tags: [{ name: 'b' }], note: { name: 'n' } } },
      { input: { tags: [{ name: 'z' }] } },
    ].map((variables) => {
      const coerced = coerce(tagged, query, variables);
      const cost = estimate(tagged, query.document, query.operation, coerced);
      expect(cost, JSON.stringify(variables)).toBe(fresh(tagged, query, coerced));
      return cost;
    });
    // A mutation's base cost, then 1 per input object.
    expect(costs.map((cost) => cost - MUTATION_BASE_COST)).toEqual([0, 1, 1, 2, 3, 3, 2]);
  });

  it('does not serve one schema’s estimate for another (a reload brings a new schema)', () => {
    const estimate = createCostMemo({ directives, defaultListSize: 100 });
    const query = parsed('{ hotels { id } }');
    const asList = buildSchema('type Query { hotels: [Hotel] } type Hotel { id: ID }');
    const asOne = buildSchema('type Query { hotels: Hotel } type Hotel { id: ID }');
    expect(estimate(asList, query.document, query.operation, {})).toBe(100);
    expect(estimate(asOne, query.document, query.operation, {})).toBe(1);
    expect(estimate(asList, query.document, query.operation, {})).toBe(100);
  });

  it('keeps one estimate per operation of a document', () => {
    const estimate = createCostMemo({ directives, defaultListSize: 100 });
    const document = parse(
      'query One { searchHotels(input: {}, first: 1) { edges { node { id } } } } query Two { searchHotels(input: {}, first: 2) { edges { node { id } } } }',
    );
    const one = getOperationAST(document, 'One');
    const two = getOperationAST(document, 'Two');
    if (!one || !two) throw new Error('no operation');
    expect(estimate(schema, document, one, {})).toBe(
      fresh(schema, { document, operation: one }, {}),
    );
    expect(estimate(schema, document, two, {})).toBe(
      fresh(schema, { document, operation: two }, {}),
    );
    expect(estimate(schema, document, one, {})).not.toBe(estimate(schema, document, two, {}));
  });
});
