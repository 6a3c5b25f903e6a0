import { createTokenVerifier } from '@travel/auth';
import { shutdownGracefully } from '@travel/lifecycle';
import { createLogger } from '@travel/logger';
import { connectionOutcome, TEST_JWT_SECRET } from '@travel/testing';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listen } from './listen.ts';
import { type BaseContext, createSubgraphServer, type SubgraphServer } from './subgraph-server.ts';

/** What one `hold` resolver saw: its context's signal and cancellation. */
interface Held {
  signal: AbortSignal;
  cancellation: BaseContext['cancellation'];
  release(): void;
}

function startServer() {
  const held: Held[] = [];
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        ping: { type: GraphQLString, resolve: () => 'pong' },
        hold: {
          type: GraphQLString,
          resolve: (_root, _args, ctx: BaseContext) =>
            new Promise<string>((resolve) => {
              held.push({
                signal: ctx.signal,
                cancellation: ctx.cancellation,
                release: () => resolve('released'),
              });
            }),
        },
      },
    }),
  });
  const server = createSubgraphServer({
    name: 'kit-test',
    schema,
    log: createLogger({ service: 'kit-test', level: 'silent' }),
    verifier: createTokenVerifier({ secret: TEST_JWT_SECRET }),
    createContext: (base) => base,
    checkReady: async () => {},
  });
  return { server, held };
}

let server: SubgraphServer | undefined;
let releaseAll = () => {};
afterEach(async () => {
  releaseAll();
  await server?.stop();
  server = undefined;
});

async function start() {
  const started = startServer();
  server = started.server;
  releaseAll = () => {
    for (const h of started.held) h.release();
  };
  await started.server.start();
  const { url, port } = await listen(started.server.httpServer, 0);
  return { ...started, url, port, origin: url.replace(/\/graphql$/, '') };
}

const query = (url: string, q: string, signal?: AbortSignal) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: q }),
    signal,
  });

describe('the request signal', () => {
  it('fires when the caller gives up, and the context’s cancellation says why', async () => {
    const s = await start();
    const caller = new AbortController();
    const pending = query(s.url, '{ hold }', caller.signal).catch((error: Error) => error.name);
    await vi.waitFor(() => expect(s.held).toHaveLength(1));
    const [seen] = s.held;
    expect(seen?.signal.aborted).toBe(false);
    expect(seen?.cancellation.reason).toBeUndefined();
    expect(seen?.cancellation.signal).toBe(seen?.signal);

    caller.abort();
    expect(await pending).toBe('AbortError');
    await vi.waitFor(() => expect(seen?.signal.aborted).toBe(true));
    expect(seen?.signal.reason).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(seen?.cancellation.reason).toBe(seen?.signal.reason);
  });

  it('never fires for a request that was answered', async () => {
    const s = await start();
    const pending = query(s.url, '{ hold }');
    await vi.waitFor(() => expect(s.held).toHaveLength(1));
    s.held[0]?.release();
    const res = await pending;
    expect(await res.json()).toEqual({ data: { hold: 'released' } });
    expect(s.held[0]?.signal.aborted).toBe(false);
  });
});

describe('shutdown (shutdownGracefully, what SIGTERM calls)', () => {
  it('loses none of 20 requests in flight, unready but serving first, then refusing', async () => {
    const s = await start();
    const inFlight = Array.from({ length: 20 }, () => query(s.url, '{ hold }'));
    await vi.waitFor(() => expect(s.held).toHaveLength(20));

    const stopped = shutdownGracefully(s.server, { graceMs: 1500, log: { info: () => {} } });
    const ready = await fetch(`${s.origin}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining' });
    expect(await (await query(s.url, '{ ping }')).json()).toEqual({ data: { ping: 'pong' } });

    await vi.waitFor(() => expect(s.server.httpServer.listening).toBe(false), { timeout: 5000 });
    expect(await connectionOutcome(s.port)).toBe('ECONNREFUSED');

    releaseAll();
    const answers = await Promise.all(inFlight);
    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(200));
    const bodies = await Promise.all(answers.map((res) => res.json()));
    expect(bodies).toEqual(Array(20).fill({ data: { hold: 'released' } }));
    // The shutdown let them finish: none of them was cancelled.
    expect(s.held.filter((h) => h.signal.aborted)).toHaveLength(0);
    await stopped;
  });
});
