import type { GraphQLDataSource } from '@apollo/gateway';
import type { FetchNode } from '@apollo/query-planner';
import { buildSchema, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { executeEntityFetches, executeFetch } from './execute-fetch.ts';
import type { GatewayRequestContext, PlanExecution, ResultMap } from './plan-execution.ts';

const supergraphSchema = buildSchema(`
  type Query { users: [User] }
  type User { id: ID! name: String reviews: [String] }
`);

/** `Flatten(users.@) { Fetch(reviews) { ... on User { __typename id } } }` as the planner makes it. */
const FETCH = {
  kind: 'Fetch',
  serviceName: 'reviews',
  requires: [
    {
      kind: Kind.INLINE_FRAGMENT,
      typeCondition: 'User',
      selections: [
        { kind: Kind.FIELD, name: '__typename' },
        { kind: Kind.FIELD, name: 'id' },
      ],
    },
  ],
  variableUsages: [],
  operation:
    'query($representations:[_Any!]!){_entities(representations:$representations){...on User{reviews}}}',
  operationKind: 'query',
} as unknown as FetchNode;

type Answer = { data?: ResultMap; errors?: { message: string; path?: (string | number)[] }[] };

function setUp(users: (ResultMap | null)[], answer: (representations: ResultMap[]) => Answer) {
  const sent: ResultMap[][] = [];
  const deduplicated: [string, number][] = [];
  const service = {
    async process({ request }: { request: { variables: { representations: ResultMap[] } } }) {
      sent.push(request.variables.representations);
      return answer(request.variables.representations);
    },
  } as unknown as GraphQLDataSource;
  const fullResult: ResultMap = { users };
  const execution: PlanExecution = {
    requestContext: {
      request: { variables: {} },
      context: {},
      metrics: {},
    } as GatewayRequestContext,
    operation: {} as PlanExecution['operation'],
    supergraphSchema,
    services: new Map([['reviews', service]]),
    errors: [],
    onRepresentationsDeduplicated: (subgraph, count) => deduplicated.push([subgraph, count]),
    onFetchesBatched: () => undefined,
  };
  const run = () =>
    executeFetch(execution, {
      fetch: FETCH,
      cursor: {
        path: ['users', '@'],
        data: users.filter((u): u is ResultMap => u !== null),
        fullResult,
      },
    });
  /** The fetch at `users.@` and at `users.@.friend`, grouped as a `Parallel` groups them. */
  const runGrouped = () => {
    const at = (path: string[], data: ResultMap[]) => ({
      fetch: FETCH,
      cursor: { path, data, fullResult },
    });
    const present = users.filter((u): u is ResultMap => u !== null);
    return executeEntityFetches(execution, [
      at(['users', '@'], present),
      at(['users', '@', 'friend'], present.map((u) => u.friend).filter(Boolean)),
    ]);
  };
  return { sent, deduplicated, execution, fullResult, run, runGrouped };
}

const user = (id: string) => ({ __typename: 'User', id, name: `user ${id}` });
const reviewsOf = (representations: ResultMap[]) => ({
  data: { _entities: representations.map(({ id }) => ({ reviews: [`about ${id}`] })) },
});

describe('executeFetch', () => {
  it('sends each distinct representation once and merges its answer into every entity', async () => {
    const { sent, deduplicated, fullResult, run } = setUp(
      [user('1'), user('2'), user('1'), null],
      reviewsOf,
    );
    await run();
    expect(sent).toEqual([
      [
        { __typename: 'User', id: '1' },
        { __typename: 'User', id: '2' },
      ],
    ]);
    expect(deduplicated).toEqual([['reviews', 1]]);
    expect(fullResult.users.map((u: ResultMap | null) => u?.reviews ?? null)).toEqual([
      ['about 1'],
      ['about 2'],
      ['about 1'],
      null,
    ]);
  });

  it("reports an error about a shared representation at each of its entities' paths, in order", async () => {
    const { execution, run } = setUp([user('1'), user('2'), user('1')], (representations) => ({
      data: { _entities: representations.map(() => null) },
      errors: [
        { message: 'no reviews for 2', path: ['_entities', 1, 'reviews'] },
        { message: 'no reviews for 1', path: ['_entities', 0, 'reviews'] },
      ],
    }));
    await run();
    expect(execution.errors.map((e) => [e.message, e.path, e.extensions.serviceName])).toEqual([
      ['no reviews for 1', ['users', 0, 'reviews'], 'reviews'],
      ['no reviews for 2', ['users', 1, 'reviews'], 'reviews'],
      ['no reviews for 1', ['users', 2, 'reviews'], 'reviews'],
    ]);
  });

  it('keeps a known code and marks the others DOWNSTREAM_SERVICE_ERROR', async () => {
    const { execution, run } = setUp([user('1')], () => ({
      data: { _entities: [null] },
      errors: [
        { message: 'a', path: ['_entities', 0], extensions: { code: 'FORBIDDEN' } },
        { message: 'b', path: ['_entities', 0] },
      ] as Answer['errors'],
    }));
    await run();
    expect(execution.errors.map((e) => e.extensions.code)).toEqual([
      'FORBIDDEN',
      'DOWNSTREAM_SERVICE_ERROR',
    ]);
  });

  it('makes fetches of the same operation at two paths one call, each entity sent once', async () => {
    const users = [
      { ...user('1'), friend: user('2') },
      { ...user('2'), friend: user('3') },
    ];
    const { sent, deduplicated, fullResult, execution, runGrouped } = setUp(users, (reps) => ({
      data: { _entities: reps.map(({ id }) => (id === '3' ? null : { reviews: [`about ${id}`] })) },
      errors: [{ message: 'no reviews for 2', path: ['_entities', 1, 'reviews'] }],
    }));
    await runGrouped();
    expect(sent.map((reps) => reps.map((r) => r.id))).toEqual([['1', '2', '3']]);
    expect(deduplicated).toEqual([['reviews', 1]]);
    expect(fullResult.users[0].friend.reviews).toEqual(['about 2']);
    expect(fullResult.users[1].reviews).toEqual(['about 2']);
    // Fetch by fetch, entity by entity, as two separate fetches would have reported it.
    expect(execution.errors.map((e) => e.path)).toEqual([
      ['users', 1, 'reviews'],
      ['users', 0, 'friend', 'reviews'],
    ]);
  });

  it('reports a failed grouped call once per fetch it stood for', async () => {
    const { execution, runGrouped } = setUp([{ ...user('1'), friend: user('2') }], () => {
      throw new Error('The reviews service is unavailable');
    });
    await expect(runGrouped()).rejects.toThrow('unavailable');
    // The caller records the thrown one: two in all.
    expect(execution.errors.map((e) => e.message)).toEqual(['The reviews service is unavailable']);
  });

  it('calls nobody when no entity has what the fetch requires', async () => {
    const { sent, deduplicated, run } = setUp([{ __typename: 'User', name: 'no id' }], reviewsOf);
    await run();
    expect(sent).toEqual([]);
    expect(deduplicated).toEqual([]);
  });

  it('refuses an answer with another number of entities than representations sent', async () => {
    const { run } = setUp([user('1'), user('2')], () => ({ data: { _entities: [{}] } }));
    await expect(run()).rejects.toThrow(/to contain 2 elements/);
  });
});
