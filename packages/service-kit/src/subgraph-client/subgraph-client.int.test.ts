import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../listen.ts';
import { requestCancelled } from '../request-signal.ts';
import { SubgraphCallError } from './post-graphql.ts';
import { createSubgraphClient, type SubgraphClient } from './subgraph-client.ts';

type Reply = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A real HTTP server answering each request with the next reply (the last one repeats). */
async function startServer(replies: Reply[]) {
  const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    seen.push({ headers: req.headers, body });
    const reply = replies[Math.min(seen.length, replies.length) - 1];
    reply?.(req, res, body);
  });
  const { url } = await listen(server, 0);
  cleanups.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url, seen };
}

const ok: Reply = (_req, res) => res.end(JSON.stringify({ data: { ok: true } }));
const status =
  (code: number): Reply =>
  (_req, res) => {
    res.statusCode = code;
    res.end('{}');
  };
const never: Reply = () => {};

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

function client(options: Omit<Parameters<typeof createSubgraphClient>[0], 'name'>) {
  const created: SubgraphClient = createSubgraphClient({
    name: 'callee',
    backoffMs: 1,
    ...options,
  });
  cleanups.push(() => created.close());
  return created;
}

describe('createSubgraphClient', () => {
  it('posts the operation with the caller’s token and request id, and answers the body', async () => {
    const { url, seen } = await startServer([ok]);
    const answer = await client({ url }).query('query Q($id: ID!) { x(id: $id) }', {
      variables: { id: '1' },
      authorization: 'Bearer t',
      requestId: 'req-1',
    });
    expect(answer).toEqual({ data: { ok: true } });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers).toMatchObject({
      authorization: 'Bearer t',
      'x-request-id': 'req-1',
      'content-type': 'application/json',
    });
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      query: 'query Q($id: ID!) { x(id: $id) }',
      variables: { id: '1' },
    });
  });

  it('retries a 5xx and a dropped connection up to `retries` times, never a 4xx', async () => {
    const drop: Reply = (req) => req.socket.destroy();
    const flaky = await startServer([status(503), drop, ok]);
    await expect(client({ url: flaky.url, retries: 2 }).query('{ x }')).resolves.toEqual({
      data: { ok: true },
    });
    expect(flaky.seen).toHaveLength(3);

    const failing = await startServer([status(500)]);
    await expect(client({ url: failing.url, retries: 2 }).query('{ x }')).rejects.toThrow(
      /HTTP 500/,
    );
    expect(failing.seen).toHaveLength(3);

    const refusing = await startServer([status(400)]);
    await expect(client({ url: refusing.url, retries: 2 }).query('{ x }')).rejects.toThrow(
      SubgraphCallError,
    );
    expect(refusing.seen).toHaveLength(1);
  });

  it('gives up after timeoutMs and does not retry a timeout', async () => {
    const slow = await startServer([never]);
    await expect(
      client({ url: slow.url, timeoutMs: 100, retries: 2 }).query('{ x }'),
    ).rejects.toThrow(/no answer within 100 ms/);
    expect(slow.seen).toHaveLength(1);
  });

  it('cuts a callee that stalls mid-answer at timeoutMs', async () => {
    const stalls: Reply = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    };
    const slow = await startServer([stalls]);
    const startedAt = performance.now();
    await expect(client({ url: slow.url, timeoutMs: 200 }).query('{ x }')).rejects.toThrow(
      /no answer within 200 ms/,
    );
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });

  it('refuses an answer that is not JSON, without retrying it', async () => {
    const html: Reply = (_req, res) => res.end('<html>gateway</html>');
    const wrong = await startServer([html]);
    await expect(client({ url: wrong.url, retries: 2 }).query('{ x }')).rejects.toThrow(
      /answered HTTP 200 without JSON/,
    );
    expect(wrong.seen).toHaveLength(1);
  });

  it('stops when the request it is made for is cancelled, or any signal it is given', async () => {
    const slow = await startServer([never]);
    const callee = client({ url: slow.url, timeoutMs: 10_000 });
    const request = new AbortController();
    const pending = callee.query('{ x }', { signal: request.signal });
    await expect.poll(() => slow.seen.length).toBe(1);
    request.abort(requestCancelled());
    await expect(pending).rejects.toMatchObject({ extensions: { cancelled: true } });

    const own = new AbortController();
    const second = callee.query('{ x }', { signal: own.signal });
    await expect.poll(() => slow.seen.length).toBe(2);
    own.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('opens the circuit after failures: later calls fail at once without reaching the callee', async () => {
    const failing = await startServer([status(500)]);
    const callee = client({ url: failing.url, breaker: { volumeThreshold: 2 } });
    for (let i = 0; i < 2; i++) await expect(callee.query('{ x }')).rejects.toThrow(/HTTP 500/);
    await expect(callee.query('{ x }')).rejects.toThrow(/open/i);
    expect(failing.seen).toHaveLength(2);
  });

  it('does not count a cancelled call against the callee', async () => {
    const slow = await startServer([never]);
    const callee = client({ url: slow.url, timeoutMs: 10_000, breaker: { volumeThreshold: 1 } });
    for (let i = 1; i <= 3; i++) {
      const own = new AbortController();
      const pending = callee.query('{ x }', { signal: own.signal });
      await expect.poll(() => slow.seen.length).toBe(i);
      own.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    }
    // Still closed: a fourth call reaches the callee.
    const own = new AbortController();
    const fourth = callee.query('{ x }', { signal: own.signal });
    await expect.poll(() => slow.seen.length).toBe(4);
    own.abort();
    await expect(fourth).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails without a call while its address is not known', async () => {
    await expect(client({ url: () => undefined }).query('{ x }')).rejects.toThrow(/not known/);
  });
});
