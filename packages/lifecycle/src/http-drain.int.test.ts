import { Agent, createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';
import { connectionOutcome } from '@travel/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpDrain, type HttpDrain } from './http-drain.ts';

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

/** A server whose `/hold` requests wait until the test releases them; `/` answers at once. */
async function startServer(timeoutMs = 10_000) {
  const held: (() => void)[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/hold') held.push(() => res.end('released'));
    else res.end('ok');
  });
  const drain = createHttpDrain(server, { timeoutMs });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const release = () => {
    for (const answer of held.splice(0)) answer();
  };
  return { server, drain, port, held, release };
}

function get(port: number, path: string, agent?: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

let started: { server: Server; drain: HttpDrain; release(): void } | undefined;
afterEach(async () => {
  started?.release();
  await started?.drain.close();
  started = undefined;
});

describe('createHttpDrain', () => {
  it('finishes all 20 requests in flight while refusing new connections', async () => {
    const s = await startServer();
    started = s;
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    const inFlight = Array.from({ length: 20 }, () => get(s.port, '/hold', agent));
    await vi.waitFor(() => expect(s.held).toHaveLength(20));
    expect(s.drain.inFlight).toBe(20);

    const closed = s.drain.close();
    expect(s.drain.draining).toBe(true);
    await vi.waitFor(() => expect(s.server.listening).toBe(false));
    // Refused by the kernel (nothing listens), not accepted and then reset.
    expect(await connectionOutcome(s.port)).toBe('ECONNREFUSED');

    s.release();
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.every((a) => a.body === 'released')).toBe(true);
    // Each keep-alive client learns, in the response, not to reuse the socket.
    expect(answers.every((a) => a.connection === 'close')).toBe(true);
    await expect(closed).resolves.toBe(true);
    agent.destroy();
  });

  it('serves on after announce(), telling keep-alive clients to reconnect', async () => {
    const s = await startServer();
    started = s;
    const agent = new Agent({ keepAlive: true });
    expect((await get(s.port, '/', agent)).connection).toBe('keep-alive');
    s.drain.announce();
    expect(s.drain.draining).toBe(true);
    expect(s.server.listening).toBe(true);
    const answer = await get(s.port, '/', agent);
    expect(answer).toEqual({ status: 200, connection: 'close', body: 'ok' });
    agent.destroy();
  });

  it('closes idle keep-alive connections at once', async () => {
    const s = await startServer();
    started = s;
    const agent = new Agent({ keepAlive: true });
    await get(s.port, '/', agent);
    const [socket] = Object.values(agent.freeSockets).flat();
    expect(socket).toBeDefined();
    const socketClosed = new Promise((resolve) => socket?.once('close', resolve));
    await expect(s.drain.close()).resolves.toBe(true);
    await socketClosed;
    agent.destroy();
  });

  it('closes connections that never sent a request (spares clients open ahead of need)', async () => {
    const s = await startServer();
    started = s;
    const spare = connect(s.port, '127.0.0.1');
    await new Promise((resolve) => spare.once('connect', resolve));
    await vi.waitFor(async () => {
      const count = await new Promise<number>((resolve) =>
        s.server.getConnections((_error, n) => resolve(n)),
      );
      expect(count).toBe(1);
    });
    const spareClosed = new Promise((resolve) => spare.once('close', resolve));
    await expect(s.drain.close()).resolves.toBe(true);
    await spareClosed;
  });

  it('cuts what is still open after timeoutMs, and says so', async () => {
    const s = await startServer(200);
    started = s;
    const stuck = get(s.port, '/hold').catch((error: NodeJS.ErrnoException) => error.code);
    await vi.waitFor(() => expect(s.held).toHaveLength(1));
    await expect(s.drain.close()).resolves.toBe(false);
    expect(await stuck).toBe('ECONNRESET');
  });
});
