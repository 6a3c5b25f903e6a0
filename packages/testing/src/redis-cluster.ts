import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@travel/prisma-tools';
import { Redis } from 'ioredis';

export interface TestRedisCluster {
  /** `redis+cluster://127.0.0.1:p1,127.0.0.1:p2,…`: the form REDIS_URL takes for a Cluster. */
  url: string;
  /** The masters' ports, in slot order (the first holds slot 0). */
  ports: number[];
  /** Kills one master (SIGKILL, as a crash): its slots answer nothing from then on. */
  killNode(index: number): Promise<void>;
  /** Kills every node and removes their directory. */
  stop(): Promise<void>;
}

const SLOTS = 16_384;

/**
 * A Redis Cluster of `masters` masters (no replicas) from `redis-server` on free loopback
 * ports, nothing persisted, its node files in a temporary directory. Slots are assigned by
 * hand (CLUSTER ADDSLOTSRANGE, MEET): faster than `redis-cli --cluster create`, which polls
 * once a second. Resolves when every node reports `cluster_state:ok` (about 2 s: a node
 * waits that long after joining before it accepts writes).
 */
export async function startRedisCluster(masters = 3): Promise<TestRedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'redis-cluster-'));
  const processes: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(processes.map(kill));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const ports = await distinctFreePorts(masters * 2);
    const nodes = Array.from({ length: masters }, (_, i) => ({
      port: ports[2 * i] as number,
      busPort: ports[2 * i + 1] as number,
    }));
    for (const { port, busPort } of nodes) {
      const server = spawn(
        'redis-server',
        [
          ...['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes'],
          ...['--cluster-port', String(busPort), '--cluster-config-file', `nodes-${port}.conf`],
          ...['--dir', dir, '--save', '', '--appendonly', 'no'],
        ],
        { stdio: 'ignore' },
      );
      processes.push(server);
      // A missing redis-server must fail the run, not let cluster tests pass unrun.
      await new Promise<void>((resolve, reject) => {
        server.once('spawn', resolve);
        server.once('error', reject);
      });
    }
    const clients = nodes.map(
      ({ port }) => new Redis({ port, host: '127.0.0.1', retryStrategy: () => 50 }),
    );
    // Refused until the server listens; the retries are enough.
    for (const client of clients) client.on('error', () => undefined);
    try {
      await Promise.all(
        clients.map(async (client, i) => {
          const first = Math.floor((SLOTS * i) / masters);
          const last = Math.floor((SLOTS * (i + 1)) / masters) - 1;
          await client.call('CLUSTER', 'ADDSLOTSRANGE', first, last);
          await client.call('CLUSTER', 'SET-CONFIG-EPOCH', i + 1);
        }),
      );
      const [first, ...others] = clients;
      // The bus port is not port + 10000 here (that one may be taken): MEET names it.
      for (const { port, busPort } of nodes.slice(1)) {
        await first?.call('CLUSTER', 'MEET', '127.0.0.1', port, busPort);
      }
      await waitFor(async () => {
        const infos = await Promise.all([first, ...others].map((c) => c?.call('CLUSTER', 'INFO')));
        return infos.every((info) => String(info).includes('cluster_state:ok'));
      });
    } finally {
      for (const client of clients) client.disconnect();
    }
    const url = `redis+cluster://${nodes.map(({ port }) => `127.0.0.1:${port}`).join(',')}`;
    return {
      url,
      ports: nodes.map(({ port }) => port),
      killNode: async (index) => {
        const server = processes[index];
        if (server) await kill(server);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the Redis Cluster did not reach cluster_state:ok');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function kill(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGKILL');
  return exited;
}
