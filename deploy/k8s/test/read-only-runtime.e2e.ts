import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmptyTestDatabase, freePort, type TestDatabase } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The image runs with a read-only root filesystem and a writable /tmp (Kubernetes'
 * readOnlyRootFilesystem, compose's read_only). No Docker engine here, so this runs the
 * image's commands on the repository mounted read-only in a private mount namespace, with
 * HOME unwritable and TMPDIR a fresh directory: any write elsewhere fails the service.
 * It needs root for the mount namespace (CI runs as root); skipped, not passed, otherwise.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const isRoot = process.getuid?.() === 0;
const SUBGRAPHS = ['accounts', 'hotels', 'bookings', 'trips'];
const JWT_SECRET = 'read-only-runtime-test-secret-0123456789';

/** `command` as the image runs it (`node --import tsx/esm …`), on a read-only repository. */
function runReadOnly(command: string[], env: Record<string, string>, tmp: string) {
  const script = `mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && cd "$0" && exec "$@"`;
  return {
    args: ['--mount', '--', 'sh', '-c', script, ROOT, ...command],
    options: {
      env: {
        PATH: process.env.PATH,
        // Inside the read-only tree and missing: a write to HOME fails too.
        HOME: join(ROOT, '.no-home'),
        TMPDIR: tmp,
        NODE_ENV: 'production',
        APOLLO_TELEMETRY_DISABLED: 'true',
        ...env,
      },
    },
  };
}

describe.skipIf(!isRoot)('the services on a read-only filesystem with a writable /tmp', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'read-only-runtime-'));
  const databases: Record<string, TestDatabase> = {};
  const started: ChildProcess[] = [];
  const urls = () =>
    Object.fromEntries(
      SUBGRAPHS.map((s) => [`DATABASE_URL_${s.toUpperCase()}`, databases[s]?.url ?? '']),
    );

  function start(main: string, env: Record<string, string>) {
    const { args, options } = runReadOnly(['node', '--import', 'tsx/esm', main], env, tmp);
    const child = spawn('unshare', args, { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    started.push(child);
    return { child, stderr: () => stderr };
  }

  beforeAll(async () => {
    for (const subgraph of SUBGRAPHS) databases[subgraph] = await createEmptyTestDatabase();
  });
  afterAll(async () => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(Object.values(databases).map((db) => db.drop()));
    rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses writes to the repository (the check can fail)', () => {
    const { args, options } = runReadOnly(['touch', '.write-probe'], {}, tmp);
    const result = spawnSync('unshare', args, { ...options, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Read-only file system/);
  });

  it('migrates, serves and shuts down, writing only to TMPDIR', async () => {
    const migrate = spawnSync(
      'unshare',
      runReadOnly(
        ['node', '--import', 'tsx/esm', 'packages/prisma-tools/src/cli.ts', 'deploy'],
        urls(),
        tmp,
      ).args,
      { ...runReadOnly([], urls(), tmp).options, encoding: 'utf8' },
    );
    expect(migrate.stderr).toBe('');
    expect(migrate.status).toBe(0);
    expect(migrate.stdout.match(/applied/g)).toHaveLength(4);

    const hotelsPort = await freePort();
    const routerPort = await freePort();
    const common = { JWT_SECRET, HOST: '127.0.0.1', SHUTDOWN_GRACE_MS: '0' };
    const hotels = start('subgraphs/hotels/src/main.ts', {
      ...common,
      ...urls(),
      PORT: String(hotelsPort),
    });
    const router = start('router/src/main.ts', {
      ...common,
      PORT: String(routerPort),
      SUBGRAPH_URL_HOTELS: `http://127.0.0.1:${hotelsPort}/graphql`,
    });

    await vi.waitFor(
      async () => {
        const ready = await fetch(`http://127.0.0.1:${routerPort}/readyz`);
        expect(await ready.json()).toMatchObject({ subgraphs: { hotels: 'ready' } });
      },
      { timeout: 60_000, interval: 200 },
    );
    const response = await fetch(`http://127.0.0.1:${routerPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ searchHotels(input: { city: "Lisbon" }) { totalCount } }' }),
    });
    expect(await response.json()).toEqual({ data: { searchHotels: { totalCount: 0 } } });

    const exits = [hotels, router].map(
      ({ child }) => new Promise<number | null>((resolve) => child.once('exit', resolve)),
    );
    for (const { child } of [hotels, router]) child.kill('SIGTERM');
    expect(await Promise.all(exits)).toEqual([0, 0]);
    expect(hotels.stderr() + router.stderr()).toBe('');
    // tsx's compile cache: the one thing written, and where it may be.
    expect(readdirSync(tmp).some((name) => name.startsWith('tsx-'))).toBe(true);
  });
});
