import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@travel/logger';
import { SUBGRAPH_NAMES, type SubgraphName, startStack } from '@travel/stack';
import { provisionDatabases } from '@travel/testing/provision';
import { PubSub } from 'graphql-subscriptions';
import { BENCH_JWT_SECRET, UNLIMITED_RATE_LIMITS } from '../bench-stack.ts';
import {
  answersTypename,
  freePort,
  REPO_ROOT,
  type ServiceProcess,
  startService,
} from './service-process.ts';
import { startSubgraphProcesses } from './subgraph-processes.ts';

/** The gateways under test, in the order of the report. */
export const GATEWAY_NAMES = [
  'router, uncached',
  'router, cached',
  'router, cached (Redis)',
  'router, uncached (baseline)',
  'router, cached (baseline)',
  'router, cached (Redis) (baseline)',
  '@apollo/gateway (stock)',
  '@graphql-hive/gateway',
] as const;
export type GatewayName = (typeof GATEWAY_NAMES)[number];

/** The reference row of the identical README search: no gateway, stored bytes. */
export const BARE = 'bare node:http, same bytes';

/** Our routers understand persisted ids and API keys; the peers get full queries and tokens. */
export const isRouter = (name: GatewayName) => name.startsWith('router');

export interface GatewayProcesses {
  subgraphs: ServiceProcess[];
  /** Every gateway, but the Redis one without a Redis URL. */
  gateways: Partial<Record<GatewayName, ServiceProcess>>;
  accountsUrl: string;
  logDir: string;
  /** bare node:http answering `answer` (bytes a gateway gave) to every request. */
  startBare(answer: string): Promise<ServiceProcess>;
  /** Stops everything and drops the databases; the logs stay when `keepLogs` (a failed run). */
  stop(keepLogs?: boolean): Promise<void>;
}

// Same service settings as performance.md measured with.
export const COMMON_ENV = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  JWT_SECRET: BENCH_JWT_SECRET,
  APOLLO_TELEMETRY_DISABLED: 'true',
  // Nothing balances load onto them: a stopped service exits at once (not after 5 s).
  SHUTDOWN_GRACE_MS: '0',
};

/**
 * Fresh databases seeded with the demo data, each subgraph in a process of its own, and each
 * gateway in a process of its own over those subgraphs. `stop()` stops them all and drops the
 * databases; the services' logs stay in `logDir` when something failed.
 */
export interface GatewayProcessesOptions {
  /** The Redis of 'router, cached (Redis)'; absent: that router is not started. */
  redisUrl?: string;
  /** Each router runs under `node --cpu-prof`, writing its profile here; absent: not profiled. */
  cpuProfDir?: string;
  /** Each subgraph runs under V8's sampling profiler, writing its profile here; absent: not. */
  subgraphCpuProfDir?: string;
  /**
   * Another checkout of this repository, installed (bench/src/subgraphs/baseline-checkout.ts):
   * its router runs as the `(baseline)` rows, a before/after in one run; absent: no such rows.
   */
  baselineRoot?: string;
  /** Starts only the gateways whose name contains one of these words; absent: every one. */
  only?: readonly string[];
}

export async function startGatewayProcesses(
  options: GatewayProcessesOptions,
): Promise<GatewayProcesses> {
  const { redisUrl, cpuProfDir, subgraphCpuProfDir, baselineRoot, only } = options;
  const logDir = mkdtempSync(join(tmpdir(), 'travel-bench-'));
  const databases = await provisionDatabases(SUBGRAPH_NAMES);
  const services: ServiceProcess[] = [];
  const stop = async () => {
    for (const service of services.reverse()) await service.stop().catch(() => undefined);
    await databases.drop();
  };
  try {
    await seed(databases.urls as Record<SubgraphName, string>);
    const subgraphs = await startSubgraphProcesses({
      databaseUrls: databases.urls as Record<SubgraphName, string>,
      env: COMMON_ENV,
      logDir,
      ...(subgraphCpuProfDir ? { cpuProfDir: subgraphCpuProfDir } : {}),
    });
    services.push(...subgraphs);
    const urls = Object.fromEntries(subgraphs.map((s) => [s.name, s.url])) as Record<
      SubgraphName,
      string
    >;
    const supergraphPath = join(logDir, 'supergraph.graphql');
    writeFileSync(supergraphPath, supergraphAt(urls));
    const subgraphEnv = Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_URL_${name.toUpperCase()}`, urls[name]]),
    );
    // Each Redis router's keys, apart from anything else on that Redis; all of them expire.
    const redisEnv = (name: GatewayName) => ({
      REDIS_URL: redisUrl ?? '',
      REDIS_KEY_PREFIX: `bench:${process.pid}-${Date.now()}-${GATEWAY_NAMES.indexOf(name)}:`,
    });
    const startRouter = async (
      name: GatewayName,
      responseCache: boolean,
      { redis = false, root = REPO_ROOT } = {},
    ) => {
      const port = await freePort();
      return startService({
        name,
        entry: 'router/src/main.ts',
        root,
        port,
        ...(cpuProfDir
          ? {
              // A directory per router: each thread (tsx's loader has one) writes a profile.
              nodeArgs: [
                '--cpu-prof',
                `--cpu-prof-dir=${join(cpuProfDir, name.replace(/[^a-z0-9]+/gi, '-'))}`,
              ],
            }
          : {}),
        logDir,
        env: {
          ...COMMON_ENV,
          ...UNLIMITED_RATE_LIMITS,
          ...subgraphEnv,
          PORT: String(port),
          // No REDIS_URL but in the Redis row: cache, APQ and rate limits in process, as
          // performance.md measured.
          RESPONSE_CACHE: String(responseCache),
          ...(redis ? redisEnv(name) : {}),
        },
      });
    };
    const startPeer = async (name: GatewayName, kind: 'apollo' | 'hive') => {
      const port = await freePort();
      return startService({
        name,
        entry: 'bench/src/gateways/peer-gateway.ts',
        args: [kind, String(port), supergraphPath],
        port,
        logDir,
        probe: answersTypename,
        env: { ...COMMON_ENV },
      });
    };
    const gateways: Partial<Record<GatewayName, ServiceProcess>> = {};
    const starts: Record<GatewayName, (() => Promise<ServiceProcess>) | undefined> = {
      'router, uncached': () => startRouter('router, uncached', false),
      'router, cached': () => startRouter('router, cached', true),
      'router, cached (Redis)': redisUrl
        ? () => startRouter('router, cached (Redis)', true, { redis: true })
        : undefined,
      'router, uncached (baseline)': baselineRoot
        ? () => startRouter('router, uncached (baseline)', false, { root: baselineRoot })
        : undefined,
      'router, cached (baseline)': baselineRoot
        ? () => startRouter('router, cached (baseline)', true, { root: baselineRoot })
        : undefined,
      'router, cached (Redis) (baseline)':
        baselineRoot && redisUrl
          ? () =>
              startRouter('router, cached (Redis) (baseline)', true, {
                redis: true,
                root: baselineRoot,
              })
          : undefined,
      '@apollo/gateway (stock)': () => startPeer('@apollo/gateway (stock)', 'apollo'),
      '@graphql-hive/gateway': () => startPeer('@graphql-hive/gateway', 'hive'),
    };
    for (const name of GATEWAY_NAMES) {
      if (only && !only.some((word) => name.includes(word))) continue;
      const started = await starts[name]?.();
      if (!started) continue;
      gateways[name] = started;
      services.push(started);
    }
    return {
      subgraphs,
      gateways,
      accountsUrl: urls.accounts,
      logDir,
      async startBare(answer) {
        const answerPath = join(logDir, 'bare-answer.json');
        writeFileSync(answerPath, answer);
        const port = await freePort();
        const bare = await startService({
          name: BARE,
          entry: 'bench/src/gateways/bare-server.ts',
          args: [String(port), answerPath],
          port,
          logDir,
          probe: answersTypename,
          env: { ...COMMON_ENV },
        });
        services.push(bare);
        return bare;
      },
      async stop(keepLogs = false) {
        await stop();
        if (!keepLogs) rmSync(logDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stop();
    console.error(`services' logs: ${logDir}`);
    throw error;
  }
}

/** The demo data, written once by an in-process stack that is then stopped (databases kept). */
export async function seed(databaseUrls: Record<SubgraphName, string>) {
  const stack = await startStack({
    databaseUrls,
    jwtSecret: BENCH_JWT_SECRET,
    log: createLogger({ service: 'bench-seed', level: 'warn' }),
    logLevel: 'warn',
    port: 0,
    nodeEnv: 'production',
    seed: true,
    pubsub: new PubSub(),
  });
  await stack.stop();
}

/** The committed supergraph with each subgraph's URL replaced by where it runs now. */
function supergraphAt(urls: Record<SubgraphName, string>): string {
  const sdl = readFileSync(join(REPO_ROOT, 'schema/supergraph.graphql'), 'utf8');
  return sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]+"\)/g, (match, name: string) =>
    name in urls ? `@join__graph(name: "${name}", url: "${urls[name as SubgraphName]}")` : match,
  );
}
