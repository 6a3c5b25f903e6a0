import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@travel/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { book, dataOf, day } from './support/bookings.ts';
import { post } from './support/graphql.ts';
import { signUp } from './support/users.ts';

// `pnpm start` exactly as a newcomer runs it: no DATABASE_URL, no REDIS_URL, no JWT_SECRET.
// Only ports and the data folder are moved so the test can't collide with a running stack.
const ROOT = new URL('../..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'travel-start-'));
// mkdtemp makes the folder private; as root, PostgreSQL runs as the postgres user and must enter it.
chmodSync(dataDir, 0o755);
let child: ChildProcess | undefined;

afterAll(async () => {
  // Still running (a failed test): kill the whole group, which may already be gone.
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('pnpm start', () => {
  it('serves the README query from an embedded PostgreSQL, and stops cleanly on Ctrl-C', async () => {
    const port = await freePortRun(5);
    const postgresPort = await freePortRun(1);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      EMBEDDED_POSTGRES_PORT: String(postgresPort),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    for (const name of Object.keys(env)) {
      if (/^(DATABASE_URL|REDIS_URL|JWT_SECRET|NODE_ENV)/.test(name)) delete env[name];
    }
    child = spawn('pnpm', ['start'], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout?.on('data', (chunk) => output.push(String(chunk)));
    child.stderr?.on('data', (chunk) => output.push(String(chunk)));

    await waitFor(
      () => output.join('').includes('Supergraph ready'),
      90_000,
      () => output.join(''),
    );
    const url = `http://localhost:${port}/graphql`;
    const res = await post(
      url,
      '{ searchHotels(input: {city: "Lisbon"}, first: 5) { totalCount edges { node { name owner { name } reviews(first: 2) { edges { node { rating author { name } } } } } } } }',
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.searchHotels.edges).toHaveLength(5);
    expect(res.body.data?.searchHotels.edges[0].node.owner.name).toBeTruthy();

    // A booking: the embedded PostgreSQL runs the reservation the migrations define.
    const guest = await signUp(url, `start-${Date.now()}@example.com`);
    const rooms = await post<{
      searchHotels: { edges: { node: { roomTypes: { id: string }[] } }[] };
    }>(
      url,
      '{ searchHotels(input: {city: "Lisbon"}, first: 1) { edges { node { roomTypes { id } } } } }',
    );
    const roomTypeId = dataOf(rooms).searchHotels.edges[0]?.node.roomTypes[0]?.id ?? '';
    const booking = await book(url, guest, { roomTypeId, checkIn: day(40), checkOut: day(42) });
    expect(booking).toMatchObject({ status: 'PENDING', checkIn: day(40), checkOut: day(42) });

    const landing = await fetch(url, { headers: { accept: 'text/html' } });
    expect(await landing.text()).toMatch(/<html/i);

    // Ctrl-C signals the whole foreground process group: pnpm, tsx and the stack.
    if (child.pid) process.kill(-child.pid, 'SIGINT');
    await waitForPortsFree([port, port + 1, port + 2, postgresPort], 30_000);
  });
});

// Not eventually(): a start that dies must fail at once, with its output, not at the deadline.
async function waitFor(check: () => boolean, timeoutMs: number, describe: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (child?.exitCode !== null) throw new Error(`pnpm start exited:\n${describe()}`);
    if (Date.now() > deadline) throw new Error(`pnpm start not ready in time:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function waitForPortsFree(ports: number[], timeoutMs: number) {
  return eventually(
    async () => (await Promise.all(ports.map(portIsFree))).every(Boolean),
    timeoutMs,
    200,
  );
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The first port of `count` consecutive free ports (the stack uses PORT … PORT+4). */
async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const ports = Array.from({ length: count }, (_, i) => base + i);
    if ((await Promise.all(ports.map(portIsFree))).every(Boolean)) return base;
  }
  throw new Error('no free port run');
}
