import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { keepIdleConnections } from './keep-alive.ts';

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** The `Keep-Alive` header a GET to `server` is answered with. */
async function keepAliveHeader(target: Server): Promise<string | undefined> {
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const { port } = target.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    get({ port, host: '127.0.0.1', agent: false, headers: { connection: 'keep-alive' } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.headers['keep-alive']?.toString()));
    }).once('error', reject);
  });
}

describe('keepIdleConnections', () => {
  it('tells clients how long an idle connection stays open, and keeps it that long', async () => {
    server = createServer((_req, res) => res.end('ok'));
    keepIdleConnections(server, 65_000);
    expect(await keepAliveHeader(server)).toBe('timeout=65');
    expect(server.keepAliveTimeout).toBe(65_000);
    // Above the keep-alive timeout, or a request arriving just before it could be cut.
    expect(server.headersTimeout).toBeGreaterThan(65_000);
  });

  it('never lowers a longer headers timeout', async () => {
    server = createServer((_req, res) => res.end('ok'));
    server.headersTimeout = 120_000;
    keepIdleConnections(server, 7_000);
    expect(await keepAliveHeader(server)).toBe('timeout=7');
    expect(server.headersTimeout).toBe(120_000);
  });
});
