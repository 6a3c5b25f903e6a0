import { buildSchema, type DocumentNode, getOperationAST, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { ResponseCache } from '../response-cache/response-cache.ts';
import { createSerializedBodies } from '../response-cache/serialized-bodies.ts';
import { responseCachePlugin } from './response-cache.ts';

const schema = buildSchema(`
  type Query { hotel(id: ID!): Hotel }
  type Mutation { renameHotel(id: ID!): Hotel }
  type Hotel { id: ID!, name: String, rooms: [Room] }
  type Room { id: ID!, beds: Int }
`);

/** A cache that finds nothing and records what the plugin asks of it. */
function recordingCache() {
  const calls = {
    invalidated: [] as string[][],
    saved: [] as { body: string; tags: string[] }[],
  };
  const cache: ResponseCache = {
    lookup: async () => ({ hit: undefined, epoch: 0 }),
    save: (_key, response, tags) => calls.saved.push({ body: response.body, tags: [...tags] }),
    invalidate: async (tags) => void calls.invalidated.push([...tags].sort()),
  };
  return { cache, calls };
}

/** One HTTP request through the plugin's hooks, the gateway answering `data`. */
async function run(
  query: string,
  data: (document: DocumentNode) => Record<string, unknown>,
  policy: { maxAge: number; scope: 'PUBLIC' } | null = { maxAge: 60, scope: 'PUBLIC' },
) {
  const { cache, calls } = recordingCache();
  const bodies = createSerializedBodies();
  const plugin = responseCachePlugin(cache, undefined, bodies);
  const server = await plugin.serverWillStart?.({} as never);
  await server?.schemaDidLoadOrUpdate?.({ apiSchema: schema, coreSupergraphSdl: 'sdl' });
  const hooks = await plugin.requestDidStart?.({} as never);
  const document = parse(query);
  const context = {
    request: { http: {}, query, variables: {} },
    contextValue: { viewer: null },
    schema,
    document,
    operation: getOperationAST(document),
    operationName: null,
    queryHash: 'hash',
    overallCachePolicy: { policyIfCacheable: () => policy, replace() {} },
    metrics: {},
  } as Record<string, unknown>;
  await hooks?.responseForOperation?.(context as never);
  const executed = context.document as DocumentNode;
  const result = { data: data(executed) };
  context.response = {
    body: { kind: 'single', singleResult: result },
    http: { headers: new Map() },
  };
  await hooks?.willSendResponse?.(context as never);
  const sent = bodies.stringifyResult({ data: result.data });
  return { calls, executed, queryHash: context.queryHash, result, sent, document };
}

const OWN = '{ hotel(id: "h1") { __typename id name rooms { __typename id beds } } }';
const ownData = () => ({
  hotel: {
    __typename: 'Hotel',
    id: 'h1',
    name: 'A',
    rooms: [{ __typename: 'Room', id: 'r1', beds: 2 }],
  },
});

describe('responseCachePlugin', () => {
  it('runs a query that names its entities as sent, and stores it with their tags', async () => {
    const { calls, executed, queryHash, result, sent, document } = await run(OWN, ownData);
    expect(executed).toBe(document);
    expect(queryHash).toBe('hash');
    expect(result.data).toEqual(ownData());
    expect(calls.saved).toEqual([{ body: sent, tags: ['Hotel:h1', 'Room:r1'] }]);
    expect(sent).toBe(`${JSON.stringify({ data: ownData() })}\n`);
  });

  it('adds entity fields where the query lacks them, and strips them before anyone sees', async () => {
    const query = '{ hotel(id: "h1") { name rooms { beds } } }';
    const { calls, executed, queryHash, result, sent } = await run(query, () => ({
      hotel: {
        name: 'A',
        rooms: [{ beds: 2, _rcTypename: 'Room', _rcId: 'r1' }],
        _rcTypename: 'Hotel',
        _rcId: 'h1',
      },
    }));
    expect(print(executed)).toContain('_rcId: id');
    expect(queryHash).toBe('hash:entities');
    expect(result.data).toEqual({ hotel: { name: 'A', rooms: [{ beds: 2 }] } });
    expect(calls.saved).toEqual([{ body: sent, tags: ['Hotel:h1', 'Room:r1'] }]);
  });

  it('invalidates the entities a mutation returns, named by its own fields or added ones', async () => {
    const own = await run(
      'mutation { renameHotel(id: "h1") { __typename id name } }',
      () => ({ renameHotel: { __typename: 'Hotel', id: 'h1', name: 'B' } }),
      null,
    );
    expect(own.calls.invalidated).toEqual([['Hotel:h1']]);
    const added = await run(
      'mutation { renameHotel(id: "h1") { name } }',
      () => ({ renameHotel: { name: 'B', _rcTypename: 'Hotel', _rcId: 'h1' } }),
      null,
    );
    expect(added.calls.invalidated).toEqual([['Hotel:h1']]);
    expect(added.result.data).toEqual({ renameHotel: { name: 'B' } });
    expect([...own.calls.saved, ...added.calls.saved]).toEqual([]);
  });

  it('stores nothing, and leaves the answer alone, when the policy allows no caching', async () => {
    const { calls, result, sent } = await run(OWN, ownData, null);
    expect(calls.saved).toEqual([]);
    expect(calls.invalidated).toEqual([]);
    expect(result.data).toEqual(ownData());
    expect(sent).toBe(`${JSON.stringify({ data: ownData() })}\n`);
  });
});
