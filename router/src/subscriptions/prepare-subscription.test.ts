import { buildSchema, GraphQLError, type ValidationRule } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createDemandControl } from '../demand-control/demand-control.ts';
import { type PreparedSubscription, prepareSubscription } from './prepare-subscription.ts';

const schema = buildSchema(/* GraphQL */ `
  type Query { booking(id: ID!): Booking }
  type Booking { id: ID! status: String! }
  type Subscription { bookingUpdated(id: ID!): Booking! myBookingUpdates: Booking! }
`);
const options = { schema, rules: [], maxTokens: 200 };

const codes = (result: PreparedSubscription | readonly GraphQLError[]) =>
  Array.isArray(result) ? (result as GraphQLError[]).map((e) => e.extensions.code) : 'ok';

describe('prepareSubscription', () => {
  it('coerces the root field’s arguments from variables', () => {
    const prepared = prepareSubscription(
      {
        query: 'subscription ($id: ID!) { bookingUpdated(id: $id) { id } }',
        variables: { id: 42 },
      },
      options,
    ) as PreparedSubscription;
    expect(prepared.root.name.value).toBe('bookingUpdated');
    expect(prepared.args).toEqual({ id: '42' });
    expect(prepared.variables).toEqual({ id: 42 });
  });

  it('finds the root field inside a fragment and the named operation', () => {
    const prepared = prepareSubscription(
      {
        query: /* GraphQL */ `
          subscription A { myBookingUpdates { id } }
          subscription B { ...F }
          fragment F on Subscription { bookingUpdated(id: "b1") { status } }
        `,
        operationName: 'B',
      },
      options,
    ) as PreparedSubscription;
    expect(prepared.root.name.value).toBe('bookingUpdated');
    expect(prepared.args).toEqual({ id: 'b1' });
  });

  it('refuses what does not parse, and documents over the token limit', () => {
    expect(codes(prepareSubscription({ query: 'subscription {' }, options))).toEqual([
      'GRAPHQL_PARSE_FAILED',
    ]);
    const huge = `subscription { myBookingUpdates { ${'id '.repeat(300)} } }`;
    expect(codes(prepareSubscription({ query: huge }, options))).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('validates against the schema (the router formatter strips hints later)', () => {
    const result = prepareSubscription(
      { query: 'subscription { myBookingUpdates { stat } }' },
      options,
    ) as GraphQLError[];
    expect(codes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(result[0]?.message).toBe(
      'Cannot query field "stat" on type "Booking". Did you mean "status"?',
    );
  });

  it('applies the extra rules (the HTTP limits)', () => {
    const noAliases: ValidationRule = (context) => ({
      Field(node) {
        if (node.alias) context.reportError(new GraphQLError('no aliases', { nodes: node }));
      },
    });
    const result = prepareSubscription(
      { query: 'subscription { x: myBookingUpdates { id } }' },
      { ...options, rules: [noAliases] },
    );
    expect(codes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses two root fields, queries and mutations, and bad variables', () => {
    expect(
      codes(
        prepareSubscription(
          { query: 'subscription { myBookingUpdates { id } bookingUpdated(id: 1) { id } }' },
          options,
        ),
      ),
    ).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(prepareSubscription({ query: '{ booking(id: 1) { id } }' }, options))).toEqual([
      'BAD_REQUEST',
    ]);
    expect(
      codes(
        prepareSubscription(
          { query: 'subscription ($id: ID!) { bookingUpdated(id: $id) { id } }', variables: {} },
          options,
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('costs the operation with demand control, refusing it over the maximum', () => {
    const query = 'subscription ($id: ID!) { bookingUpdated(id: $id) { id } }';
    const within = createDemandControl({ maxCost: 1, defaultListSize: 10 });
    const prepared = prepareSubscription(
      { query, variables: { id: 'b1' } },
      { ...options, checkCost: within.check },
    ) as PreparedSubscription;
    expect(prepared.cost).toBe(1);
    const over = createDemandControl({ maxCost: 0.5, defaultListSize: 10 });
    const refused = prepareSubscription(
      { query, variables: { id: 'b1' } },
      { ...options, checkCost: over.check },
    ) as GraphQLError[];
    expect(codes(refused)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
    expect(refused[0]?.extensions).toEqual({
      code: 'COST_ESTIMATED_TOO_EXPENSIVE',
      cost: { estimated: 1, max: 0.5 },
    });
  });
});
