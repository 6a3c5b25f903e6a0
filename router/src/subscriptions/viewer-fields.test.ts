import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readViewerFields, selectsViewerField } from './viewer-fields.ts';

const SUPERGRAPH = `
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://www.apollographql.com/docs/federation/v1/performance/caching/v1.0", import: ["@cacheControl"])
{ query: Query }
directive @cacheControl(maxAge: Int, scope: CacheControlScope) on FIELD_DEFINITION | OBJECT
enum CacheControlScope { PUBLIC PRIVATE }
type Query {
  order(id: ID!): Order @cacheControl(maxAge: 30, scope: PRIVATE)
  me: User @cacheControl(scope: PRIVATE)
}
type Order @cacheControl(maxAge: 30, scope: PRIVATE) {
  id: ID!
  status: String
  buyer: User
  owner: Party
}
interface Party { name: String }
type User implements Party @cacheControl(maxAge: 60, scope: PRIVATE) {
  name: String
  email: String @cacheControl(maxAge: 60, scope: PRIVATE)
}
type Shop implements Party { name: String }
`;
const schema = buildSchema(SUPERGRAPH, { assumeValidSDL: true });
const fields = readViewerFields(SUPERGRAPH);
const selects = (query: string) => selectsViewerField(schema, parse(query), fields);

describe('readViewerFields', () => {
  it('lists the fields with a field-level PRIVATE hint, not the PRIVATE types', () => {
    expect([...fields].sort()).toEqual(['Query.me', 'Query.order', 'User.email']);
  });

  it('follows the name the @link imports the directive as', () => {
    const renamed = SUPERGRAPH.replace(
      'import: ["@cacheControl"]',
      'import: [{ name: "@cacheControl", as: "@hint" }]',
    )
      .replaceAll('@cacheControl(', '@hint(')
      .replace('directive @cacheControl', 'directive @hint');
    expect(readViewerFields(renamed).has('User.email')).toBe(true);
  });

  it('finds none in a supergraph that does not carry the hints', () => {
    expect(readViewerFields('type Query { me: String }').size).toBe(0);
  });
});

describe('selectsViewerField', () => {
  it('is false for a selection of fields every viewer reads alike (the root field aside)', () => {
    expect(selects('query ($id: ID!) { o: order(id: $id) { id status buyer { name } } }')).toBe(
      false,
    );
  });

  it('is true when a nested field depends on the viewer', () => {
    expect(selects('query ($id: ID!) { order(id: $id) { buyer { email } } }')).toBe(true);
  });

  it('looks into fragments and inline fragments on abstract types', () => {
    expect(
      selects(
        'query ($id: ID!) { order(id: $id) { ...F } } fragment F on Order { owner { ... on User { email } } }',
      ),
    ).toBe(true);
    expect(selects('query ($id: ID!) { order(id: $id) { owner { name } } }')).toBe(false);
  });
});
