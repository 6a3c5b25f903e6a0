import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheControlPlugin } from './cache-control-plugin.ts';

// Every kind of hint the subgraphs use, and the cases where Apollo's answer depends on what
// was resolved: a null parent, an empty list, an error, a dynamic hint at the root.
const SDL = /* GraphQL */ `
  enum CacheControlScope { PUBLIC PRIVATE }
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean)
    on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
  type Query {
    hotel(id: ID): Hotel
    hotels: [Hotel!]!
    me: User @cacheControl(maxAge: 60, scope: PRIVATE)
    plain: String
    hinted: Int @cacheControl(maxAge: 30)
    entities(types: [String!]!): [Entity]!
    fails: Hotel
  }
  union Entity = Hotel | User
  type Hotel @cacheControl(maxAge: 300) {
    id: ID!
    name: String!
    rating: Float @cacheControl(maxAge: 60)
    owner: User @cacheControl(inheritMaxAge: true)
    money: Money!
    unhinted: Unhinted
  }
  type Money @cacheControl(inheritMaxAge: true) { amount: Int! }
  type Unhinted { name: String }
  type User @cacheControl(maxAge: 120) {
    id: ID!
    email: String @cacheControl(maxAge: 60, scope: PRIVATE)
    bookings: [Booking!]! @cacheControl(maxAge: 30, scope: PRIVATE)
  }
  type Booking @cacheControl(maxAge: 30, scope: PRIVATE) { id: ID! }
`;

const hotel = (id: string) => ({
  id,
  name: `Hotel ${id}`,
  rating: 4.5,
  owner: { id: 'u1', bookings: [] },
  money: { amount: 1 },
  unhinted: { name: 'x' },
});

function schemaWithResolvers(): GraphQLSchema {
  const schema = buildSchema(SDL);
  const query = schema.getQueryType()?.getFields() ?? {};
  const set = (name: string, resolve: (...args: any[]) => unknown) => {
    const field = query[name];
    if (field) field.resolve = resolve;
  };
  set('hotel', (_s, { id }) => (id ? Promise.resolve(hotel(id)) : null));
  set('hotels', () => [hotel('a'), hotel('b')]);
  set('me', () => ({ id: 'u1', email: 'a@b.c', bookings: [{ id: 'b1' }] }));
  set('plain', () => 'x');
  set('hinted', () => 1);
  // As @apollo/subgraph's _entities does: each representation's type narrows the policy.
  set('entities', (_s, { types }: { types: string[] }, _c, info) =>
    types.map((name) => {
      const type = info.schema.getType(name);
      const hint = info.cacheControl?.cacheHintFromType(type);
      if (hint) info.cacheControl.cacheHint.restrict(hint);
      return Promise.resolve(
        name === 'Hotel'
          ? { __typename: name, ...hotel('e') }
          : { __typename: name, id: 'u2', bookings: [] },
      );
    }),
  );
  set('fails', () => {
    throw new Error('boom');
  });
  const entity = schema.getType('Entity') as { resolveType?: unknown };
  entity.resolveType = (value: { __typename: string }) => value.__typename;
  return schema;
}

const OPERATIONS = [
  '{ plain }',
  '{ hinted }',
  '{ plain hinted }',
  '{ hotel(id: "1") { id name } }',
  '{ hotel { id name } }',
  '{ hotel(id: "1") { name rating } }',
  '{ hotel(id: "1") { owner { id } } }',
  '{ hotel(id: "1") { owner { email } } }',
  '{ hotel(id: "1") { money { amount } } }',
  '{ hotel(id: "1") { unhinted { name } } }',
  '{ hotels { name owner { bookings { id } } } }',
  '{ me { id } }',
  '{ me { email bookings { id } } }',
  '{ hotels { name } me { id } }',
  '{ entities(types: ["Hotel"]) { ... on Hotel { name } } }',
  '{ entities(types: ["Hotel", "User"]) { ... on Hotel { name } ... on User { id } } }',
  '{ entities(types: []) { ... on Hotel { name } } }',
  '{ fails { name } }',
  '{ hotel(id: "1") { name } fails { name } }',
  '{ nope }',
  '{ __typename }',
];

async function started(plugins: ConstructorParameters<typeof ApolloServer>[0]['plugins']) {
  const server = new ApolloServer({ schema: schemaWithResolvers(), plugins });
  await server.start();
  return server;
}

describe('cacheControlPlugin', () => {
  let apollo: ApolloServer;
  let ours: ApolloServer;
  beforeAll(async () => {
    apollo = await started([]);
    ours = await started([ApolloServerPluginCacheControlDisabled(), cacheControlPlugin()]);
  });

  it.each(OPERATIONS)("answers %s with Apollo's own Cache-Control", async (query) => {
    const header = async (server: ApolloServer) =>
      (await server.executeOperation({ query })).http.headers.get('cache-control');
    const expected = await header(apollo);
    expect(expected).toBeDefined();
    expect(await header(ours)).toBe(expected);
  });

  it('tells cacheable answers from the others', async () => {
    const header = async (query: string) =>
      (await ours.executeOperation({ query })).http.headers.get('cache-control');
    expect(await header('{ hotel(id: "1") { name rating } }')).toBe('max-age=60, public');
    expect(await header('{ me { email bookings { id } } }')).toBe('max-age=30, private');
    expect(await header('{ plain }')).toBe('no-store');
  });
});
