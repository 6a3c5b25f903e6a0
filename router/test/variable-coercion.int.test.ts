import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { post, type StartedRouter, startRouter } from './support/start-router.ts';
import {
  composeSupergraph,
  startTestSubgraphs,
  type TestSubgraphs,
} from './support/test-subgraphs.ts';

// Every coercion of variables the router's own code makes (demand control, the plan executor).
const coercions = vi.hoisted(() => ({ count: 0 }));
vi.mock('graphql', async (importOriginal) => {
  const graphql = await importOriginal<typeof import('graphql')>();
  return {
    ...graphql,
    getVariableValues: (...args: Parameters<typeof graphql.getVariableValues>) => {
      coercions.count += 1;
      return graphql.getVariableValues(...args);
    },
  };
});

let subgraphs: TestSubgraphs;
let router: StartedRouter;

beforeAll(async () => {
  subgraphs = await startTestSubgraphs();
  router = await startRouter({
    supergraphSdl: composeSupergraph({
      accounts: subgraphs.accounts.url,
      reviews: subgraphs.reviews.url,
    }),
    env: { RESPONSE_CACHE: 'false' },
  });
});

afterAll(async () => {
  await router?.stop();
  await subgraphs?.stop();
});

beforeEach(() => {
  coercions.count = 0;
  subgraphs.calls.length = 0;
});

const USERS = 'query Users($first: Int) { users(first: $first) { id reviews { body } } }';

describe("an operation's variables", () => {
  it('are coerced once: execution trusts what demand control found valid', async () => {
    const res = await post(router.url, { query: USERS, variables: { first: 1 } });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.users.length).toBeGreaterThan(0);
    expect(coercions.count).toBe(1);
  });

  it('that do not coerce are refused before any subgraph is called', async () => {
    const res = await post(router.url, { query: USERS, variables: { first: 'ten' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: expect.stringContaining('$first'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(subgraphs.calls).toEqual([]);
  });
});
