import { createServer } from 'node:http';
import { createLogger } from '@travel/logger';
import { listen } from '@travel/service-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { corsPolicy } from './cors.ts';
import { createHttpHandler, type GraphQLPipeline } from './http-handler.ts';
import type { RequestState, Step } from './request-state.ts';
import { securityHeaders } from './security-headers.ts';

const APP = 'https://app.example.com';

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

/**
 * The handler on a free port with `/healthz`, steps that record the state they saw, and
 * GraphQL answering `{"ok":true}`; `pipeline: false` leaves `/graphql` unmounted.
 */
async function serve({ steps = [] as Step[], pipeline = true } = {}) {
  const logs: Record<string, unknown>[] = [];
  const seen: RequestState[] = [];
  const http = createHttpHandler({
    log: createLogger({
      service: 'router',
      level: 'info',
      destination: { write: (line: string) => void logs.push(JSON.parse(line)) },
    }),
    headers: securityHeaders({ hstsMaxAgeSeconds: 0 }),
    cors: corsPolicy({ origins: [APP], development: false }),
    clientAddress: () => '198.51.100.7',
    routes: new Map([['/healthz', (res) => void res.end('{"status":"ok"}')]]),
  });
  const graphql: GraphQLPipeline['graphql'] = async (_req, res, state) => {
    seen.push(state);
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  };
  if (pipeline) http.mount({ steps, graphql });
  const server = createServer(http.listener);
  const { port } = await listen(server, 0);
  cleanups.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { origin: `http://127.0.0.1:${port}`, logs, seen };
}

describe('the router HTTP handler', () => {
  it('serves /graphql and /graphql/ (a query string too) through its steps to GraphQL', async () => {
    const order: string[] = [];
    const step =
      (name: string): Step =>
      () => {
        order.push(name);
        return 'next';
      };
    const { origin, seen } = await serve({ steps: [step('first'), step('second')] });
    for (const path of ['/graphql', '/graphql/', '/graphql?query=%7Ba%7D']) {
      const res = await fetch(`${origin}${path}`, { headers: { 'x-request-id': 'req-1' } });
      expect(res.status, path).toBe(200);
      expect(await res.json(), path).toEqual({ ok: true });
      expect(res.headers.get('x-request-id'), path).toBe('req-1');
    }
    expect(order).toEqual(['first', 'second', 'first', 'second', 'first', 'second']);
    expect(seen[0]).toMatchObject({
      requestId: 'req-1',
      clientAddress: '198.51.100.7',
      viewer: null,
    });
  });

  it('stops at the step that answers', async () => {
    const refuse: Step = (_req, res) => {
      res.statusCode = 401;
      res.end();
      return 'answered';
    };
    const never: Step = () => {
      throw new Error('not reached');
    };
    const { origin, seen } = await serve({ steps: [refuse, never] });
    expect((await fetch(`${origin}/graphql`)).status).toBe(401);
    expect(seen).toEqual([]);
  });

  it('answers what a step throws with a masked 500, logged, security headers and CORS on', async () => {
    const failing: Step = async () => {
      throw new Error('secret detail');
    };
    const { origin, logs } = await serve({ steps: [failing] });
    const res = await fetch(`${origin}/graphql`, { headers: { origin: APP } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'unexpected error before GraphQL', level: 50 }),
    );
  });

  it('answers a preflight from an allowed origin before any step', async () => {
    const never: Step = () => {
      throw new Error('not reached');
    };
    const { origin } = await serve({ steps: [never] });
    const res = await fetch(`${origin}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('content-length')).toBe('0');
  });

  it('answers GET and HEAD on its routes, 404 otherwise, with the security headers', async () => {
    const { origin } = await serve();
    const head = await fetch(`${origin}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${origin}/healthz?probe=1`)).status).toBe(200);
    for (const [method, path] of [
      ['POST', '/healthz'],
      ['GET', '/nowhere'],
      ['GET', '/graphql/deeper'],
    ] as const) {
      const res = await fetch(`${origin}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.json()).toEqual({
        errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }],
      });
    }
  });

  it('answers /graphql 404 until the pipeline is mounted', async () => {
    const { origin } = await serve({ pipeline: false });
    expect((await fetch(`${origin}/graphql`)).status).toBe(404);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });
});
