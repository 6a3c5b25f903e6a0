import { buildSchema, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createSubscriptionDocuments } from './document-cache.ts';
import { type PreparedSubscription, prepareSubscription } from './prepare-subscription.ts';

const schema = buildSchema(/* GraphQL */ `
  type Query { booking(id: ID!): Booking }
  type Booking { id: ID! status: String! }
  type Subscription { bookingUpdated(id: ID!): Booking! myBookingUpdates: Booking! }
`);
const MINE = 'subscription { myBookingUpdates { id status } }';

describe('createSubscriptionDocuments', () => {
  it('parses and validates a text once; its subscribers share the document and re-read', () => {
    const documents = createSubscriptionDocuments();
    const options = { schema, rules: [], maxTokens: 200, documents };
    const [a, b] = [1, 2].map(
      () => prepareSubscription({ query: MINE }, options) as PreparedSubscription,
    ) as [PreparedSubscription, PreparedSubscription];
    expect(b.document).toBe(a.document);
    const readOf = (p: PreparedSubscription) =>
      documents.entityQuery(p.document, p.operation, p.root, 'booking');
    expect(readOf(b)).toBe(readOf(a));
    expect(readOf(a).query.responseKey).toBe('myBookingUpdates');
    expect([...readOf(a).stateFields.keys()]).toEqual(['id', 'status']);
  });

  it('never remembers a text that failed, and refuses it every time', () => {
    const documents = createSubscriptionDocuments();
    const options = { schema, rules: [], maxTokens: 200, documents };
    for (let i = 0; i < 2; i++) {
      const refused = prepareSubscription({ query: 'subscription { nope }' }, options);
      expect((refused as GraphQLError[])[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    expect(documents.get('subscription { nope }')).toBeUndefined();
  });

  it('keeps the most recently used texts, at most maxEntries', () => {
    const documents = createSubscriptionDocuments(2);
    const options = { schema, rules: [], maxTokens: 200, documents };
    const texts = ['{ id }', '{ status }', '{ id status }'].map(
      (selection) => `subscription { myBookingUpdates ${selection} }`,
    );
    prepareSubscription({ query: texts[0] }, options);
    prepareSubscription({ query: texts[1] }, options);
    documents.get(texts[0] as string); // used again: the second is now the oldest
    prepareSubscription({ query: texts[2] }, options);
    expect(texts.map((text) => documents.get(text) !== undefined)).toEqual([true, false, true]);
  });
});
