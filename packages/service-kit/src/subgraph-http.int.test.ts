import { request } from 'node:http';
import { createTokenVerifier } from '@travel/auth';
import { createLogger } from '@travel/logger';
import { TEST_JWT_SECRET } from '@travel/testing';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from './listen.ts';
import { type BaseContext, createSubgraphServer, type SubgraphServer } from './subgraph-server.ts';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      address: { type: GraphQLString, resolve: (_r, _a, ctx: BaseContext) => ctx.clientAddress },
      requestId: { type: GraphQLString, resolve: (_r, _a, ctx: BaseContext) => ctx.requestId },
    },
  }),
});

let server: SubgraphServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function start(trustedProxies?: string[]) {
  server = createSubgraphServer({
    name: 'kit-http-test',
    schema,
    log: createLogger({ service: 'kit-http-test', level: 'silent' }),
    verifier: createTokenVerifier({ secret: TEST_JWT_SECRET }),
    createContext: (base) => base,
    checkReady: async () => {},
    bodyLimitBytes: 1000,
    ...(trustedProxies ? { trustedProxies } : {}),
  });
  await server.start();
  const { url } = await listen(server.httpServer, 0);
  return { url, origin: url.replace(/\/graphql$/, '') };
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('the subgraph HTTP layer', () => {
  it('answers GraphQL, echoing the request id it was given', async () => {
    const { url } = await start();
    const res = await post(url, '{"query":"{ requestId }"}', { 'x-request-id': 'req-42' });
    expect(res.headers.get('x-request-id')).toBe('req-42');
    expect(await res.json()).toEqual({ data: { requestId: 'req-42' } });
  });

  it('refuses a body over the limit with 413, by Content-Length and by the bytes streamed', async () => {
    const { url } = await start();
    const big = JSON.stringify({ query: `{ requestId } #${'x'.repeat(2000)}` });
    const declared = await post(url, big);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({
      errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    const streamed = await chunked(url, [big.slice(0, 900), big.slice(900)]);
    expect(streamed.status).toBe(413);
    expect(streamed.body).toContain('PAYLOAD_TOO_LARGE');
  });

  it('refuses JSON that does not parse with 400 BAD_REQUEST, and an unknown path with 404', async () => {
    const { url, origin } = await start();
    const bad = await post(url, '{"query": ');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const missing = await fetch(`${origin}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });

  it('serves /healthz, /readyz and /metrics', async () => {
    const { origin } = await start();
    expect(await (await fetch(`${origin}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${origin}/readyz`)).json()).toEqual({ status: 'ready' });
    const metrics = await fetch(`${origin}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('graphql_request');
  });

  it('believes X-Forwarded-For from a trusted proxy only', async () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.7' };
    const trusted = await start();
    const fromProxy = await post(trusted.url, '{"query":"{ address }"}', forwarded);
    expect(await fromProxy.json()).toEqual({ data: { address: '203.0.113.7' } });
    await server?.stop();
    const untrusted = await start([]);
    const direct = await post(untrusted.url, '{"query":"{ address }"}', forwarded);
    expect(await direct.json()).toEqual({ data: { address: '127.0.0.1' } });
  });
});

/** A POST sent in chunks with no Content-Length, as a streaming client sends it. */
function chunked(url: string, parts: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const part of parts) req.write(part);
    req.end();
  });
}
