import { buildSchema, execute, type FormattedExecutionResult, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { toEntityQuery } from './entity-query.ts';
import { type GroupRead, mergeGroupReads } from './merged-read.ts';
import { type PreparedSubscription, prepareSubscription } from './prepare-subscription.ts';

const schema = buildSchema(/* GraphQL */ `
  type Query { booking(id: ID!): Booking }
  type Hotel { name: String! reviews(first: Int): [String!]! }
  type Booking { id: ID! status: String! hotel: Hotel }
  type Subscription { bookingUpdated(id: ID!): Booking! myBookingUpdates: Booking! }
`);

function group(query: string, variables: Record<string, unknown> = {}): GroupRead {
  const prepared = prepareSubscription(
    { query, variables },
    { schema, rules: [], maxTokens: 500 },
  ) as PreparedSubscription;
  const entity = toEntityQuery(prepared.document, prepared.operation, prepared.root, 'booking');
  const used = Object.fromEntries(entity.variableNames.map((n) => [n, variables[n]]));
  return { query: entity, variables: used };
}

const rootValue = {
  booking: ({ id }: { id: string }) => ({
    id,
    status: 'PENDING',
    hotel:
      id === 'broken'
        ? null
        : {
            name: 'Casa',
            reviews: ({ first }: { first: number }) => ['a', 'b', 'c'].slice(0, first),
          },
  }),
};

describe('mergeGroupReads', () => {
  it('reads several selections of one subscriber in one valid query, each answer its own', async () => {
    const groups = [
      group('subscription { myBookingUpdates { id status } }'),
      group(
        'subscription ($id: ID!, $n: Int) { bookingUpdated(id: $id) { ...B } } fragment B on Booking { hotel { reviews(first: $n) } }',
        { id: 'b1', n: 1 },
      ),
      group(
        'subscription ($n: Int) { myBookingUpdates { ...B } } fragment B on Booking { status hotel { name reviews(first: $n) } }',
        { n: 2 },
      ),
    ];
    const merged = mergeGroupReads(groups, 'b7');
    expect(validate(schema, merged.document)).toEqual([]);
    const answer = (await execute({
      schema,
      document: parse(merged.source),
      variableValues: merged.variables,
      rootValue,
    })) as FormattedExecutionResult;
    expect(merged.split(answer)).toEqual([
      { data: { entity: { id: 'b7', status: 'PENDING' } } },
      { data: { entity: { hotel: { reviews: ['a'] } } } },
      { data: { entity: { status: 'PENDING', hotel: { name: 'Casa', reviews: ['a', 'b'] } } } },
    ]);
  });

  it('gives each group its own errors, and a pathless error to every group', () => {
    const merged = mergeGroupReads(
      [
        group('subscription { myBookingUpdates { id } }'),
        group('subscription { myBookingUpdates { status } }'),
      ],
      'b1',
    );
    const [first, second] = merged.split({
      data: { g0: null, g1: { status: 'PENDING' } },
      errors: [{ message: 'Booking not found', path: ['g0'] }, { message: 'bookings unavailable' }],
    });
    expect(first).toEqual({
      data: { entity: null },
      errors: [
        { message: 'Booking not found', path: ['entity'] },
        { message: 'bookings unavailable' },
      ],
    });
    expect(second).toEqual({
      data: { entity: { status: 'PENDING' } },
      errors: [{ message: 'bookings unavailable' }],
    });
    expect(merged.split({ data: null, errors: [{ message: 'down' }] })[1]).toEqual({
      data: null,
      errors: [{ message: 'down' }],
    });
  });
});
