import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rawConnection } from '@travel/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpTimeouts, httpServerOptions } from './http-timeouts.ts';

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  return new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** A server with `timeouts` answering each request `ok` once its body is read, listening. */
async function listening(timeouts: HttpTimeouts): Promise<number> {
  server = createServer(httpServerOptions(timeouts), (req, res) => {
    req.resume();
    req.once('end', () => res.end('ok'));
  });
  const target = server;
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  return (target.address() as AddressInfo).port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const GET = 'GET / HTTP/1.1\r\nHost: test\r\nConnection: keep-alive\r\n\r\n';
// Not anchored to a line: a response follows the body before it directly.
const statusLines = (text: string) => text.match(/HTTP\/1\.1 \d+[^\r]*/g) ?? [];

describe('httpServerOptions', () => {
  it('tells clients how long an idle connection stays open', async () => {
    const port = await listening({ keepAliveTimeoutMs: 65_000, requestTimeoutMs: 30_000 });
    const header = await new Promise<string | undefined>((resolve, reject) => {
      get(
        { port, host: '127.0.0.1', agent: false, headers: { connection: 'keep-alive' } },
        (res) => {
          res.resume();
          res.once('end', () => resolve(res.headers['keep-alive']?.toString()));
        },
      ).once('error', reject);
    });
    expect(header).toBe('timeout=65');
    expect(server?.keepAliveTimeout).toBe(65_000);
    expect(server?.requestTimeout).toBe(30_000);
  });

  it('answers 408 and closes the connection when a body stops arriving', async () => {
    const port = await listening({ keepAliveTimeoutMs: 65_000, requestTimeoutMs: 300 });
    const client = rawConnection(port);
    client.write('POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n{"query":');
    const closedAfter = await client.closed;
    expect(statusLines(client.received())).toEqual(['HTTP/1.1 408 Request Timeout']);
    // Not Node's default 300 s, nor its 30 s check interval.
    expect(closedAfter).toBeGreaterThanOrEqual(250);
    expect(closedAfter).toBeLessThan(3000);
  });

  it('answers 408 when the headers never end', async () => {
    const port = await listening({ keepAliveTimeoutMs: 65_000, requestTimeoutMs: 300 });
    const client = rawConnection(port);
    client.write('POST / HTTP/1.1\r\nHost: test\r\n');
    expect(await client.closed).toBeLessThan(3000);
    expect(statusLines(client.received())).toEqual(['HTTP/1.1 408 Request Timeout']);
  });

  it('serves a body that arrives slowly but whole within the timeout', async () => {
    const port = await listening({ keepAliveTimeoutMs: 65_000, requestTimeoutMs: 2000 });
    const client = rawConnection(port);
    client.write('POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 6\r\n\r\nab');
    await sleep(200);
    client.write('cd');
    await sleep(200);
    client.write('ef');
    await sleep(200);
    expect(statusLines(client.received())).toEqual(['HTTP/1.1 200 OK']);
    client.destroy();
  });

  it('keeps a connection idle longer than the request timeout open for its next request', async () => {
    const port = await listening({ keepAliveTimeoutMs: 5000, requestTimeoutMs: 300 });
    const client = rawConnection(port);
    client.write(GET);
    await sleep(1200);
    client.write(GET);
    await sleep(200);
    expect(statusLines(client.received())).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
    client.destroy();
  });
});
