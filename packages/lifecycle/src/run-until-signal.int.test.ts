import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { connectionOutcome } from '@travel/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';

const SERVER = fileURLToPath(new URL('../test/held-requests-server.ts', import.meta.url));

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('runUntilSignal, in a real process', () => {
  it('on SIGTERM: 503, serves through the grace period, refuses, finishes all, exits 0', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx/esm', SERVER, '2000'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child = proc;
    let output = '';
    proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
    await vi.waitFor(() => expect(output).toMatch(/port \d+/), { timeout: 20_000 });
    const port = Number(/port (\d+)/.exec(output)?.[1]);

    const inFlight = Array.from({ length: 5 }, () => get(port, '/hold'));
    await vi.waitFor(() => expect(output.match(/held/g)).toHaveLength(5));
    proc.kill('SIGTERM');
    await vi.waitFor(async () => expect((await get(port, '/readyz')).status).toBe(503));
    expect(await get(port, '/')).toEqual({ status: 200, body: 'ok' });

    await vi.waitFor(async () => expect(await connectionOutcome(port)).toBe('ECONNREFUSED'), {
      timeout: 10_000,
    });
    proc.stdin?.write('release\n');
    const answers = await Promise.all(inFlight);
    expect(answers).toEqual(Array(5).fill({ status: 200, body: 'released' }));
    expect(await exited).toBe(0);
    expect(output).toContain('cleaned up');
  });

  it('exits 1 after cleaning up when the service can not start (its port is taken)', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    const proc = spawn(process.execPath, ['--import', 'tsx/esm', SERVER, '0', String(port)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child = proc;
    let output = '';
    proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
    taken.close();
    expect(code).toBe(1);
    expect(output).not.toMatch(/port \d+/);
    expect(output).toContain('cleaned up');
  });
});
