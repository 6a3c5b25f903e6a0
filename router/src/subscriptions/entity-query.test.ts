import {
  buildSchema,
  type FieldNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { toEntityQuery } from './entity-query.ts';

const schema = buildSchema(/* GraphQL */ `
  type Query { booking(id: ID!): Booking }
  type Hotel { name: String! reviews(first: Int): [String!]! }
  type Booking { id: ID! status: String! hotel: Hotel! }
  type Subscription { bookingUpdated(id: ID!): Booking! myBookingUpdates: Booking! }
`);

/** The subscription's operation and root field, as prepare-subscription finds them. */
function queryFor(source: string) {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const root = operation.selectionSet.selections.find(
    (s): s is FieldNode => s.kind === Kind.FIELD,
  ) as FieldNode;
  const query = toEntityQuery(document, operation, root, 'booking');
  expect(validate(schema, query.document)).toEqual([]);
  return query;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('toEntityQuery', () => {
  it('asks the re-read field for the entity of the event with the subscriber’s selection', () => {
    const query = queryFor('subscription ($id: ID!) { bookingUpdated(id: $id) { id status } }');
    expect(squash(query.source)).toBe(
      'query ($entityId: ID!) { entity: booking(id: $entityId) { id status } }',
    );
    expect(query).toMatchObject({ responseKey: 'bookingUpdated', idVariable: 'entityId' });
    // `$id` only fed the subscription's argument: an unused variable would make it invalid.
    expect(query.variableNames).toEqual([]);
  });

  it('keeps used fragments and variables; the alias is where events put the entity', () => {
    const query = queryFor(/* GraphQL */ `
      subscription Watch($id: ID!, $n: Int) {
        change: bookingUpdated(id: $id) { ...B }
      }
      fragment B on Booking { status hotel { ...H } }
      fragment H on Hotel { name reviews(first: $n) }
      fragment Unused on Booking { id }
    `);
    expect(query.responseKey).toBe('change');
    expect(query.variableNames).toEqual(['n']);
    expect(squash(query.source)).toBe(
      squash(`query ($entityId: ID!, $n: Int) { entity: booking(id: $entityId) { ...B } }
        fragment B on Booking { status hotel { ...H } }
        fragment H on Hotel { name reviews(first: $n) }`),
    );
  });

  it('picks another variable name when the subscriber already uses entityId', () => {
    const query = queryFor(/* GraphQL */ `
      subscription ($entityId: ID!, $n: Int) {
        bookingUpdated(id: $entityId) { hotel { reviews(first: $n) } }
      }
    `);
    expect(query.idVariable).toBe('entityId2');
    expect(squash(query.source)).toContain('booking(id: $entityId2)');
  });

  it('maps every Subscription field with the same re-read and selection to the same query', () => {
    const a = queryFor('subscription Mine { myBookingUpdates { id } }');
    const b = queryFor('subscription One($id: ID!) { bookingUpdated(id: $id) { id } }');
    const c = queryFor('subscription ($id: ID!) { b: bookingUpdated(id: $id) { id } }');
    expect(a.source).toBe(b.source);
    expect(b.source).toBe(c.source);
    expect([a.responseKey, b.responseKey, c.responseKey]).toEqual([
      'myBookingUpdates',
      'bookingUpdated',
      'b',
    ]);
    expect(queryFor('subscription { myBookingUpdates { id status } }').source).not.toBe(a.source);
  });
});
