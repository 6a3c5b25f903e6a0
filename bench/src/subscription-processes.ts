import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBGRAPH_NAMES, type SubgraphName } from '@travel/stack';
import { provisionDatabases } from '@travel/testing/provision';
import { UNLIMITED_RATE_LIMITS } from './bench-stack.ts';
import { COMMON_ENV } from './gateways/gateway-processes.ts';
import { freePort, type ServiceProcess, startService } from './gateways/service-process.ts';
import { startSubgraphProcesses } from './gateways/subgraph-processes.ts';
import type { FromClients, ToClients } from './subscription-clients.ts';

export interface SubscriptionProcesses {
  router: ServiceProcess;
  subgraphs: ServiceProcess[];
  logDir: string;
  /** Stops everything and drops the databases; the logs stay when `keepLogs` (a failed run). */
  stop(keepLogs?: boolean): Promise<void>;
}

/**
 * Fresh (empty, migrated) databases, each subgraph and one router in a process of its own,
 * all on the local Redis: the bookings subgraph publishes its changes there and the router
 * listens, as in production. Keys go under a prefix of the run's own.
 */
export async function startSubscriptionProcesses(options: {
  users: number;
  /**
   * The router runs under profiled-router.ts: SIGUSR2 starts its CPU profile, the next one
   * writes `router.cpuprofile` into the log directory.
   */
  profileRouter?: boolean;
}): Promise<SubscriptionProcesses> {
  const logDir = mkdtempSync(join(tmpdir(), 'travel-subscription-bench-'));
  const databases = await provisionDatabases(SUBGRAPH_NAMES);
  const services: ServiceProcess[] = [];
  const stop = async (keepLogs = false) => {
    for (const service of services.reverse()) await service.stop().catch(() => undefined);
    await databases.drop();
    if (!keepLogs) rmSync(logDir, { recursive: true, force: true });
  };
  const redis = {
    REDIS_URL: databases.redisUrl,
    REDIS_KEY_PREFIX: `bench:${process.pid}-${Date.now()}:`,
  };
  try {
    const subgraphs = await startSubgraphProcesses({
      databaseUrls: databases.urls as Record<SubgraphName, string>,
      // Every user signs up from the bench's one address: the sign-up throttle would stop
      // the 101st, as it should stop a script in production.
      env: { ...COMMON_ENV, ...redis, SIGNUP_MAX_PER_ADDRESS: String(options.users + 100) },
      logDir,
    });
    services.push(...subgraphs);
    const port = await freePort();
    const router = await startService({
      name: 'router',
      entry: options.profileRouter ? 'bench/src/profiled-router.ts' : 'router/src/main.ts',
      args: options.profileRouter ? [join(logDir, 'router.cpuprofile')] : [],
      port,
      logDir,
      env: {
        ...COMMON_ENV,
        // One load generator on one address: every operation is spent, none refused.
        ...UNLIMITED_RATE_LIMITS,
        ...Object.fromEntries(
          subgraphs.map((s) => [`SUBGRAPH_URL_${s.name.toUpperCase()}`, s.url]),
        ),
        ...redis,
        // 2 sockets and 10 subscriptions per user fit the per-identity defaults (10 and 50).
        PORT: String(port),
      },
    });
    services.push(router);
    return { router, subgraphs, logDir, stop };
  } catch (error) {
    await stop(true);
    console.error(`services' logs: ${logDir}`);
    throw error;
  }
}

/** A child process of subscription-clients.ts, and a call answered by its next message. */
export function forkClients() {
  const child = fork(fileURLToPath(new URL('./subscription-clients.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx/esm'],
  });
  const call = (message: ToClients) =>
    new Promise<FromClients>((resolve) => {
      child.once('message', (answer) => resolve(answer as FromClients));
      child.send(message);
    });
  return { call, stop: () => child.kill() };
}

/** The router's resident set in KiB (/proc/<pid>/status VmRSS). */
export function readRssKiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line?.[1] ?? Number.NaN);
}

/** A gauge summed over its label sets (`graphql_subscriptions_active{transport=…}`). */
async function gauge(url: string, name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

/** Polls a gauge until it reaches `value` or stays put for `quietMs`: its last value. */
export async function settledGauge(url: string, name: string, value: number, quietMs: number) {
  let last = -1;
  let since = Date.now();
  for (;;) {
    const now = await gauge(url, name);
    if (now === value) return now;
    if (now !== last) [last, since] = [now, Date.now()];
    else if (Date.now() - since > quietMs) return now;
    // Polling another process's figure: no event to await.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
