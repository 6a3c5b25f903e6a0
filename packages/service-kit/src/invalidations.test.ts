import { ApolloServer } from '@apollo/server';
import { listTag } from '@travel/entity-changes';
import { describe, expect, it } from 'vitest';
import {
  createEntityInvalidations,
  type EntityInvalidations,
  INVALIDATED_ENTITIES,
  invalidationsPlugin,
} from './invalidations.ts';

const typeDefs = 'type Query { a: Int } type Mutation { touch(ids: [ID!]!, fail: Boolean): Int }';
const resolvers = {
  Mutation: {
    touch(_root: unknown, args: { ids: string[]; fail?: boolean }, ctx: EntityInvalidations) {
      for (const id of args.ids) ctx.invalidate('Hotel', id);
      if (args.fail) throw new Error('after the write');
      return args.ids.length;
    },
  },
};

async function run(ids: string[], fail = false) {
  const server = new ApolloServer<EntityInvalidations>({
    typeDefs,
    resolvers,
    plugins: [invalidationsPlugin()],
  });
  const base = createEntityInvalidations();
  const res = await server.executeOperation(
    {
      query: 'mutation ($ids: [ID!]!, $fail: Boolean) { touch(ids: $ids, fail: $fail) }',
      variables: { ids, fail },
    },
    // A shallow copy, as every subgraph builds its context from the base one.
    { contextValue: { ...base } },
  );
  await server.stop();
  return res.body.kind === 'single' ? res.body.singleResult : undefined;
}

describe('entity invalidations', () => {
  it('announces each entity once, in order', async () => {
    const result = await run(['h1', 'h2', 'h1']);
    expect(result?.extensions?.[INVALIDATED_ENTITIES]).toEqual(['Hotel:h1', 'Hotel:h2']);
  });

  it('announces nothing when nothing changed', async () => {
    const result = await run([]);
    expect(result?.extensions).toBeUndefined();
  });

  it('still announces when a later field failed', async () => {
    const result = await run(['h3'], true);
    expect(result?.errors).toHaveLength(1);
    expect(result?.extensions?.[INVALIDATED_ENTITIES]).toEqual(['Hotel:h3']);
  });

  it('announces a list change as the list tag of the type, beside entity tags', () => {
    const invalidations = createEntityInvalidations();
    invalidations.invalidate('Hotel', 'h1');
    invalidations.invalidateList('Hotel');
    invalidations.invalidateList('Hotel');
    expect([...invalidations.invalidatedEntities]).toEqual(['Hotel:h1', 'Hotel[]']);
    expect(listTag('Hotel')).toBe('Hotel[]');
  });
});
