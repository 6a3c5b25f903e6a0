import { createTokenIssuer } from '@travel/auth';
import { TEST_JWT_SECRET } from '@travel/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { post, type StartedRouter, startRouter } from './support/start-router.ts';
import { startTestSubgraphs, type TestSubgraphs } from './support/test-subgraphs.ts';

let subgraphs: TestSubgraphs;
let router: StartedRouter;

beforeAll(async () => {
  subgraphs = await startTestSubgraphs();
  const { supergraphSdl } = subgraphs;
  router = await startRouter({ supergraphSdl });
});

afterAll(async () => {
  await router?.stop();
  await subgraphs?.stop();
});

beforeEach(() => {
  subgraphs.calls.length = 0;
});

async function badTokens(): Promise<Array<[string, string]>> {
  const viewer = { userId: 'u1', role: 'TRAVELER' } as const;
  const good = await createTokenIssuer({ secret: TEST_JWT_SECRET }).issue(viewer);
  const [header, payload, signature] = good.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url');
  return [
    ['forged (payload edited, signature kept)', `Bearer ${header}.${promoted}.${signature}`],
    [
      'expired',
      `Bearer ${await createTokenIssuer({ secret: TEST_JWT_SECRET, ttlSeconds: -60 }).issue(viewer)}`,
    ],
    [
      'signed with another key',
      `Bearer ${await createTokenIssuer({ secret: `${TEST_JWT_SECRET}-not-ours` }).issue(viewer)}`,
    ],
    ['not a JWT', 'Bearer not.a.jwt'],
    ['not a bearer token', `Basic ${Buffer.from('u1:pw').toString('base64')}`],
  ];
}

describe('authentication at the router', () => {
  it('refuses bad tokens with HTTP 401 before any subgraph is called', async () => {
    for (const [kind, authorization] of await badTokens()) {
      const res = await post(router.url, { query: '{ whoami }' }, { authorization });
      expect(res.status, kind).toBe(401);
      expect(res.body.errors, kind).toEqual([
        { message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } },
      ]);
    }
    expect(subgraphs.calls).toEqual([]);
  });
});

describe('requests refused before execution', () => {
  it('answers malformed JSON with 400 in the GraphQL error shape', async () => {
    const res = await post(router.url, '{"query": "{ whoami }"');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('answers a variable of the wrong type with 400', async () => {
    const res = await post(router.url, {
      query: 'query Users($first: Int) { users(first: $first) { id } }',
      variables: { first: 'ten' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: expect.stringContaining('$first'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(subgraphs.calls).toEqual([]);
  });

  it('answers a 5 MB body with 413', async () => {
    const body = JSON.stringify({ query: '{ whoami }', variables: { pad: 'x'.repeat(5 << 20) } });
    const res = await post(router.url, body);
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(subgraphs.calls).toEqual([]);
  });

  it('refuses a 40-deep query, naming the limit', async () => {
    let selection = 'id';
    for (let i = 0; i < 40; i++) selection = `friend { ${selection} }`;
    const res = await post(router.url, { query: `{ user(id: "1") { ${selection} } }` });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/depth limit of 15 exceeded/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(subgraphs.calls).toEqual([]);
  });

  it('refuses a 1000-alias query, naming the limit', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: whoami`).join(' ');
    const res = await post(router.url, { query: `{ ${aliases} }` });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/Aliases limit of 30 exceeded, found 1000/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(subgraphs.calls).toEqual([]);
  });

  it('refuses a query whose estimated cost is over the limit, with the estimate', async () => {
    const res = await post(router.url, { query: '{ users(first: 20000) { id name } }' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        message: "The operation's estimated cost 20000 is over the maximum of 10000",
        extensions: {
          code: 'COST_ESTIMATED_TOO_EXPENSIVE',
          cost: { estimated: 20000, max: 10000 },
        },
      },
    ]);
    expect(subgraphs.calls).toEqual([]);
  });

  it('costs list sizes given in variables, not only literals', async () => {
    const query = 'query ($n: Int) { users(first: $n) { friend { friend { id } } } }';
    const res = await post(router.url, { query, variables: { n: 5000 } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toEqual({
      code: 'COST_ESTIMATED_TOO_EXPENSIVE',
      cost: { estimated: 15000, max: 10000 },
    });
    expect(subgraphs.calls).toEqual([]);
    // The same operation with a small page is served.
    const small = await post(router.url, { query, variables: { n: 2 } });
    expect(small.status).toBe(200);
    expect(small.body.data.users).toHaveLength(2);
  });

  it('costs an over-limit query in a fragment the same, and answers in the media type asked', async () => {
    const res = await post(
      router.url,
      {
        query: 'query ($n: Int) { ...Q } fragment Q on Query { users(first: $n) { id } }',
        variables: { n: 10001 },
      },
      { accept: 'application/graphql-response+json' },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/graphql-response\+json/);
    expect(res.body.errors[0].extensions.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
    expect(subgraphs.calls).toEqual([]);
  });

  it('refuses a document of too many tokens while parsing', async () => {
    const res = await post(router.url, { query: `{ users { ${'id '.repeat(6000)} } }` });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/more th\w+ 5000 tokens/),
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    expect(subgraphs.calls).toEqual([]);
  });

  it('refuses a simple GET that could be a cross-site request (CSRF)', async () => {
    const query = encodeURIComponent('{ whoami }');
    const simple = await fetch(`${router.url}?query=${query}`);
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/Cross-Site Request Forgery/);
    expect(subgraphs.calls).toEqual([]);
    // The same GET with a header a browser can not add without a preflight is served.
    const preflighted = await fetch(`${router.url}?query=${query}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
    expect(await preflighted.json()).toEqual({ data: { whoami: 'anonymous' } });
  });

  it('refuses batched requests', async () => {
    const res = await post(router.url, [{ query: '{ whoami }' }, { query: '{ whoami }' }]);
    expect(res.status).toBe(400);
    expect(subgraphs.calls).toEqual([]);
  });

  // Last: everything above left the router serving.
  it('still serves a good query afterwards', async () => {
    const res = await post(router.url, { query: '{ users { name reviews { body } } }' });
    expect(res.status).toBe(200);
    expect(res.body.data.users).toHaveLength(2);
  });
});
