import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { describe, expect, it } from 'vitest';
import type { RouterContext } from '../context.ts';
import { createInflightFetches } from './inflight-fetches.ts';
import { createSubgraphDataSource } from './subgraph-data-source.ts';
import type { SubgraphReply, SubgraphTransport } from './subgraph-transport.ts';

function nth<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`nothing at ${index}`);
  return item;
}

interface Sent {
  body: string;
  headers: Record<string, string>;
  answer(reply: Partial<SubgraphReply>): void;
  fail(error: Error): void;
}

/** A transport whose calls the test answers by hand; `sent` counts them. */
function fakeTransport() {
  const sent: Sent[] = [];
  const transport: SubgraphTransport = {
    send: (_url, body, headers) =>
      new Promise((resolve, reject) => {
        sent.push({
          body,
          headers,
          answer: (reply) =>
            resolve({
              status: 200,
              contentType: 'application/json; charset=utf-8',
              cacheControl: undefined,
              body: '{"data":{}}',
              ...reply,
            }),
          fail: reject,
        });
      }),
    close: async () => {},
  };
  return { transport, sent };
}

function setUp({ dedup = true } = {}) {
  const { transport, sent } = fakeTransport();
  const counted = { errors: 0, done: 0, deduplicated: 0 };
  const inflight = dedup ? createInflightFetches<SubgraphReply>() : undefined;
  const source = (name: string) =>
    createSubgraphDataSource({
      name,
      url: `http://${name}.internal:4001/graphql`,
      transport,
      inflight,
      onFetchError: () => {
        counted.errors += 1;
      },
      onFetchDone: () => {
        counted.done += 1;
      },
      onFetchDeduplicated: () => {
        counted.deduplicated += 1;
      },
      log: { warn: () => {} },
    });
  return { source, sent, counted, inflight };
}

interface Restricted {
  maxAge: number;
  scope?: string;
}

/** What the gateway passes for one fetch of one client operation. */
function fetchOf(
  query: string,
  {
    operation = 'query',
    context = {},
  }: { operation?: 'query' | 'mutation'; context?: Partial<RouterContext> } = {},
) {
  const routerContext: Partial<RouterContext> = {
    requestId: 'r1',
    clientAddress: '203.0.113.7',
    receivedAt: performance.now(),
    ...context,
  };
  const hints: Restricted[] = [];
  const options = {
    kind: 'incoming operation',
    request: { query, variables: { id: '1' } },
    incomingRequestContext: {
      context: routerContext,
      operation: { operation },
      overallCachePolicy: { restrict: (hint: Restricted) => void hints.push(hint) },
    },
    context: routerContext,
  } as unknown as GraphQLDataSourceProcessOptions<RouterContext>;
  return { options, context: routerContext, hints };
}

const QUERY = 'query($id: ID!) { user(id: $id) { name } }';

describe('the subgraph data source', () => {
  it('sends the operation with the forwarded headers, and restricts the cache policy', async () => {
    const { source, sent, counted } = setUp();
    const one = fetchOf(QUERY, { context: { authorization: 'Bearer t' } });
    const pending = source('accounts').process(one.options);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(nth(sent, 0).body)).toEqual({ query: QUERY, variables: { id: '1' } });
    expect(nth(sent, 0).headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer t',
      'x-request-id': 'r1',
      'x-forwarded-for': '203.0.113.7',
    });
    nth(sent, 0).answer({
      body: '{"data":{"user":{"name":"Ada"}}}',
      cacheControl: 'max-age=60, public',
    });
    expect(await pending).toEqual({ data: { user: { name: 'Ada' } } });
    expect(one.hints).toEqual([{ maxAge: 60, scope: 'PUBLIC' }]);
    expect(counted).toEqual({ errors: 0, done: 1, deduplicated: 0 });
  });

  it('shares one call between identical queries; each gets its own copy, hints and invalidations', async () => {
    const { source, sent, counted } = setUp();
    const accounts = source('accounts');
    const operations = [1, 2, 3].map(() =>
      fetchOf(QUERY, { context: { authorization: 'Bearer t' } }),
    );
    const pending = operations.map((op) => accounts.process(op.options));
    expect(sent).toHaveLength(1);
    nth(sent, 0).answer({
      body: '{"data":{"user":{"name":"Ada"}},"extensions":{"invalidatedEntities":["User:1"]}}',
      cacheControl: 'max-age=30, private',
    });
    const answers = await Promise.all(pending);
    // The gateway merges into what it gets: no two operations may hold the same objects.
    (nth(answers, 0).data as any).user.name = 'changed by the first';
    expect(nth(answers, 1).data).toEqual({ user: { name: 'Ada' } });
    expect(nth(answers, 1).data).not.toBe(nth(answers, 2).data);
    for (const op of operations) {
      expect(op.hints).toEqual([{ maxAge: 30, scope: 'PRIVATE' }]);
      expect([...(op.context.invalidatedEntities ?? [])]).toEqual(['User:1']);
    }
    expect(counted).toEqual({ errors: 0, done: 1, deduplicated: 2 });
  });

  it('keeps different Authorization, subgraphs and variables apart', async () => {
    const { source, sent } = setUp();
    const accounts = source('accounts');
    const pending = [
      accounts.process(fetchOf(QUERY, { context: { authorization: 'Bearer a' } }).options),
      accounts.process(fetchOf(QUERY, { context: { authorization: 'Bearer b' } }).options),
      accounts.process(fetchOf(QUERY).options),
      source('reviews').process(fetchOf(QUERY, { context: { authorization: 'Bearer a' } }).options),
    ];
    const other = fetchOf(QUERY, { context: { authorization: 'Bearer a' } });
    (other.options.request.variables as Record<string, unknown>).id = '2';
    pending.push(accounts.process(other.options));
    expect(sent).toHaveLength(5);
    for (const call of sent) call.answer({});
    await Promise.all(pending);
  });

  it('never shares a mutation, nor any fetch of a mutation’s plan', async () => {
    const { source, sent, counted } = setUp();
    const accounts = source('accounts');
    const mutation = 'mutation { rename(name: "x") { name } }';
    const pending = [
      accounts.process(fetchOf(mutation, { operation: 'mutation' }).options),
      accounts.process(fetchOf(mutation, { operation: 'mutation' }).options),
      // An entity fetch planned for a mutation is a query, sent after the write: always sent.
      accounts.process(fetchOf(QUERY, { operation: 'mutation' }).options),
      accounts.process(fetchOf(QUERY, { operation: 'mutation' }).options),
    ];
    expect(sent).toHaveLength(4);
    for (const call of sent) call.answer({});
    await Promise.all(pending);
    expect(counted.deduplicated).toBe(0);
  });

  it('never shares a subscription re-read (no receivedAt), nor anything with SUBGRAPH_DEDUP=false', async () => {
    for (const { dedup, receivedAt } of [
      { dedup: true, receivedAt: undefined },
      { dedup: false, receivedAt: performance.now() },
    ]) {
      const { source, sent } = setUp({ dedup });
      const accounts = source('accounts');
      const pending = [1, 2].map(() =>
        accounts.process(fetchOf(QUERY, { context: { receivedAt } }).options),
      );
      expect(sent).toHaveLength(2);
      for (const call of sent) call.answer({});
      await Promise.all(pending);
    }
  });

  it('fails every sharer with its own SERVICE_UNAVAILABLE, counted once', async () => {
    const { source, sent, counted } = setUp();
    const accounts = source('accounts');
    const pending = [1, 2].map(() => accounts.process(fetchOf(QUERY).options));
    nth(sent, 0).fail(new Error('connect ECONNREFUSED 10.0.0.5:4001'));
    const errors = await Promise.all(pending.map((p) => p.catch((e: unknown) => e)));
    for (const error of errors) {
      expect(error).toMatchObject({
        message: 'The accounts service is unavailable',
        extensions: { code: 'SERVICE_UNAVAILABLE', service: 'accounts' },
      });
    }
    expect(errors[0]).not.toBe(errors[1]);
    expect(counted).toEqual({ errors: 1, done: 1, deduplicated: 1 });
  });

  it.each([
    [{ status: 502, body: 'Bad Gateway from 10.0.0.5', contentType: 'text/plain' }],
    [{ status: 200, body: '<html>', contentType: 'text/html' }],
    [{ status: 200, body: 'not json', contentType: 'application/json' }],
    [{ status: 200, body: '[1]', contentType: 'application/json' }],
  ])('maps %o to SERVICE_UNAVAILABLE', async (reply) => {
    const { source, sent } = setUp();
    const pending = source('hotels').process(fetchOf(QUERY).options);
    nth(sent, 0).answer(reply);
    await expect(pending).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE', service: 'hotels' },
    });
  });

  it.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
  ])('keeps a %i as %s, with the response for the error formatter', async (status, code) => {
    const { source, sent, counted } = setUp();
    const pending = source('accounts').process(fetchOf(QUERY).options);
    nth(sent, 0).answer({ status, body: '{"errors":[{"message":"bad token"}]}' });
    await expect(pending).rejects.toMatchObject({
      extensions: { code, response: { status, body: { errors: [{ message: 'bad token' }] } } },
    });
    expect(counted.errors).toBe(1);
  });

  it('after a write answered, a query no longer joins a fetch sent before it', async () => {
    const { source, sent } = setUp();
    const accounts = source('accounts');
    const before = accounts.process(fetchOf(QUERY).options);
    const write = accounts.process(
      fetchOf('mutation { rename(name: "x") { name } }', { operation: 'mutation' }).options,
    );
    nth(sent, 1).answer({ body: '{"data":{},"extensions":{"invalidatedEntities":["User:1"]}}' });
    await write;
    const after = accounts.process(fetchOf(QUERY).options);
    expect(sent).toHaveLength(3);
    nth(sent, 0).answer({ body: '{"data":{"user":{"name":"old"}}}' });
    nth(sent, 2).answer({ body: '{"data":{"user":{"name":"new"}}}' });
    expect((await before).data).toEqual({ user: { name: 'old' } });
    expect((await after).data).toEqual({ user: { name: 'new' } });
  });

  it('marks an operation that joined a fetch sent before it arrived (not to be cached)', async () => {
    const { source, sent } = setUp();
    const accounts = source('accounts');
    const early = fetchOf(QUERY, { context: { receivedAt: 0 } });
    const leader = accounts.process(early.options);
    const late = fetchOf(QUERY, { context: { receivedAt: performance.now() + 1000 } });
    const follower = accounts.process(late.options);
    nth(sent, 0).answer({});
    await Promise.all([leader, follower]);
    expect(early.context.sharedEarlierFetch).toBeUndefined();
    expect(late.context.sharedEarlierFetch).toBe(true);
  });
});
