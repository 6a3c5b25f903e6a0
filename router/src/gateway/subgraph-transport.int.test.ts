import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSubgraphTransport, type SubgraphTransport } from './subgraph-transport.ts';

/** A subgraph stand-in that answers after `delayMs` and counts the connections it accepted. */
async function slowSubgraph(delayMs: number) {
  const counted = { connections: 0, requests: 0, mostAtOnce: 0, atOnce: 0 };
  const server = createServer((req, res) => {
    counted.requests += 1;
    counted.atOnce += 1;
    counted.mostAtOnce = Math.max(counted.mostAtOnce, counted.atOnce);
    req.resume();
    setTimeout(() => {
      counted.atOnce -= 1;
      res.setHeader('content-type', 'application/json');
      res.end('{"data":{}}');
    }, delayMs);
  });
  server.on('connection', () => {
    counted.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/graphql`),
    counted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('subgraph transport', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(options: { maxConnections: number; timeoutMs?: number; delayMs: number }) {
    const subgraph = await slowSubgraph(options.delayMs);
    const transport: SubgraphTransport = createSubgraphTransport({
      timeoutMs: options.timeoutMs ?? 5_000,
      maxConnections: options.maxConnections,
    });
    cleanups.push(subgraph.close, transport.close);
    const send = () => transport.send(subgraph.url, '{"query":"{ __typename }"}', {});
    return { ...subgraph, send };
  }

  it('opens at most maxConnections to a subgraph; the calls past them wait and are answered', async () => {
    const { counted, send } = await setUp({ maxConnections: 3, delayMs: 20 });
    const replies = await Promise.all(Array.from({ length: 12 }, send));
    expect(replies.map((reply) => reply.status)).toEqual(Array(12).fill(200));
    expect(counted.requests).toBe(12);
    expect(counted.connections).toBe(3);
    expect(counted.mostAtOnce).toBe(3);
  });

  it('reuses its connections for the next burst', async () => {
    const { counted, send } = await setUp({ maxConnections: 4, delayMs: 5 });
    await Promise.all(Array.from({ length: 8 }, send));
    await Promise.all(Array.from({ length: 8 }, send));
    expect(counted.requests).toBe(16);
    expect(counted.connections).toBe(4);
  });

  it('counts the wait for a free connection in the call timeout', async () => {
    const { send } = await setUp({ maxConnections: 1, delayMs: 200, timeoutMs: 300 });
    const results = await Promise.allSettled([send(), send()]);
    expect(results[0]?.status).toBe('fulfilled');
    expect(results[1]?.status).toBe('rejected');
  });

  it('never sends a call whose time ran out while it waited for a connection', async () => {
    const { counted, send } = await setUp({ maxConnections: 1, delayMs: 1_000, timeoutMs: 100 });
    const results = await Promise.allSettled([send(), send()]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    // Time for undici to hand the second call the connection the first one freed.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(counted.requests).toBe(1);
  });

  it('answers the status, the cache hint and the body as sent, whatever its chunks', async () => {
    // Two writes with a two-byte character split between them.
    const bytes = Buffer.from('{"data":{"city":"Sintra — Évora"}}');
    const cut = bytes.indexOf(Buffer.from('É')) + 1;
    const url = await subgraphAnswering(cleanups, (res) => {
      res.writeHead(203, { 'content-type': 'application/json', 'cache-control': 'max-age=60' });
      res.write(bytes.subarray(0, cut));
      setTimeout(() => res.end(bytes.subarray(cut)), 10);
    });
    const transport = createSubgraphTransport({ timeoutMs: 2_000, maxConnections: 2 });
    cleanups.push(transport.close);
    expect(await transport.send(url, '{}', {})).toEqual({
      status: 203,
      contentType: 'application/json',
      cacheControl: 'max-age=60',
      body: bytes.toString(),
    });
  });

  it('cuts a subgraph that stalls in the middle of its answer at the timeout', async () => {
    const url = await subgraphAnswering(cleanups, (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    });
    const transport = createSubgraphTransport({ timeoutMs: 100, maxConnections: 2 });
    cleanups.push(transport.close);
    const started = performance.now();
    await expect(transport.send(url, '{}', {})).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });
});

/** A subgraph stand-in answering every call with `answer`, closed after the test. */
async function subgraphAnswering(
  cleanups: (() => Promise<void>)[],
  answer: (res: ServerResponse) => void,
) {
  const server = createServer((req, res) => {
    req.resume();
    answer(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  return new URL(`http://127.0.0.1:${port}/graphql`);
}
