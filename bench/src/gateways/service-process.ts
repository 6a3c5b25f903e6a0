import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root: `--import tsx/esm` resolves from here, as `pnpm start` does. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServiceProcess {
  name: string;
  pid: number;
  /** Its GraphQL endpoint. */
  url: string;
  stop(): Promise<void>;
}

export interface StartServiceOptions {
  name: string;
  /** TypeScript entry, relative to the repository root. */
  entry: string;
  /** Arguments after the entry; default none. */
  args?: string[];
  /** Node's own flags before the entry (`--cpu-prof` …); default none. */
  nodeArgs?: string[];
  env: NodeJS.ProcessEnv;
  port: number;
  /** Resolves true once the service can serve; default: `GET /readyz` answers 200. */
  probe?: (base: string) => Promise<boolean>;
  /** stdout and stderr go to a file here named after `name` (a full pipe would stall it). */
  logDir: string;
  /** The checkout it runs from (its `entry` and `tsx`); default this repository's root. */
  root?: string;
}

/** A free TCP port on 127.0.0.1 (taken back at once; nothing else here races for ports). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Runs one service in a Node process of its own (`node --import tsx/esm entry`, never the tsx CLI,
 * whose wrapper process would hide the real pid from /proc), and waits until it is ready.
 */
export async function startService(options: StartServiceOptions): Promise<ServiceProcess> {
  const {
    name,
    entry,
    args = [],
    nodeArgs = [],
    env,
    port,
    probe = readyz,
    logDir,
    root = REPO_ROOT,
  } = options;
  const logFile = join(logDir, `${name.replace(/[^a-z0-9]+/gi, '-')}.log`);
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx/esm', entry, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  await waitReady(child, () => probe(base), name, logFile);
  let stopping: Promise<void> | undefined;
  return {
    name,
    pid: child.pid ?? 0,
    url: `${base}/graphql`,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

const readyz = (base: string) =>
  fetch(`${base}/readyz`)
    .then((res) => res.ok)
    .catch(() => false);

/** For a gateway without a readiness route: a trivial query answers. */
export const answersTypename = (base: string) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query":"{ __typename }"}',
  })
    .then((res) => res.ok)
    .catch(() => false);

async function waitReady(
  child: ChildProcess,
  ready: () => Promise<boolean>,
  name: string,
  logFile: string,
) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited (${child.exitCode}); see ${logFile}`);
    }
    if (await ready()) return;
    // Polling a process we do not own: no event to await.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} not ready within 120 s`);
}
