import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { QUERY_NAMES, type QueryName, WORKLOADS, type Workload } from './workloads.ts';

export const LOAD_GENERATORS = ['wrk', 'autocannon'] as const;
export type LoadGeneratorName = (typeof LOAD_GENERATORS)[number];

export interface GatewayBenchOptions {
  /** Seconds per measured cell; default 10 (performance.md's), 2 in quick mode. */
  durationS: number;
  /** Concurrent connections of the load generator; default 50, 10 in quick mode. */
  connections: number;
  /** Rounds, each running every gateway once per cell, in a rotated order; default 3, 1 quick. */
  rounds: number;
  /** Unmeasured seconds per gateway and cell first (JIT, pools, caches); default 2, 1 quick. */
  warmupS: number;
  /**
   * `--load wrk|autocannon`; default wrk (Debian's `wrk` package), whose C event loop leaves the
   * gateways more of the machine than autocannon's Node process. The mutation mix reads each
   * answer to send the next request and always runs on autocannon.
   */
  loadGenerator: LoadGeneratorName;
  /**
   * Each varied wrk cell starts with one unmeasured walk of its whole list through the first
   * gateway, so that no measured gateway pays for the subgraphs' first reads; default on, off
   * in quick mode.
   */
  prime: boolean;
  /** Default all four. */
  queries: QueryName[];
  /** Default both. */
  workloads: Workload[];
  /** Seed of the varied workloads' order; default 2026. */
  seed: number;
  /**
   * The Redis of the cached router's Redis row (`--redis`, default redis://127.0.0.1:6379; its
   * keys go under a prefix of their own and expire); `--redis off`: no such row.
   */
  redisUrl: string | undefined;
  /**
   * `--cpu-prof <dir>`: each router process runs under `node --cpu-prof`, its profile written
   * to `dir` when it stops (read self time and subtrees in Chrome DevTools or speedscope).
   */
  cpuProfDir?: string;
  /**
   * `--cpu-prof-subgraphs <dir>`: each subgraph process runs under V8's sampling profiler (the
   * subgraph bench's preload), a `<pid>.cpuprofile` each written to `dir` when the run ends;
   * default none (not profiled).
   */
  subgraphCpuProfDir?: string;
  /**
   * `--baseline <rev>`: that commit's router (checked out and installed as the subgraph bench
   * does) runs too, uncached and cached, as the `(baseline)` rows: a before/after in one run.
   */
  baseline?: string;
  /**
   * `--only cached,apollo`: only the gateways whose name contains one of these words (the bare
   * server still runs); default every gateway. For a focused before/after with `--baseline`.
   */
  only?: string[];
}

const DEFAULTS: GatewayBenchOptions = {
  durationS: 10,
  connections: 50,
  rounds: 3,
  warmupS: 2,
  loadGenerator: 'wrk',
  prime: true,
  queries: [...QUERY_NAMES],
  workloads: [...WORKLOADS],
  seed: 2026,
  redisUrl: 'redis://127.0.0.1:6379',
};
const QUICK = { durationS: 2, connections: 10, rounds: 1, warmupS: 1, prime: false };

/** A comma-separated flag's values, each one of `allowed`; undefined when the flag is absent. */
export function list<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
) {
  if (value === undefined) return undefined;
  const items = value.split(',').map((item) => item.trim());
  const bad = items.filter((item) => !allowed.includes(item as T));
  if (bad.length > 0)
    throw new Error(`--${flag}: unknown ${bad.join(', ')} (${allowed.join(', ')})`);
  return items as T[];
}

/** A flag's one value out of `allowed`; undefined when the flag is absent. */
function one<T extends string>(value: string | undefined, allowed: readonly T[], flag: string) {
  const items = list(value, allowed, flag);
  if (items && items.length !== 1) throw new Error(`--${flag}: one of ${allowed.join(', ')}`);
  return items?.[0];
}

/** A flag's comma-separated words, none empty. */
function words(value: string, flag: string): string[] {
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new Error(`--${flag}: a comma-separated list`);
  return items;
}

/** A flag's positive integer; undefined when the flag is absent. */
export function positive(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${flag} must be a positive integer`);
  return n;
}

/**
 * `--duration 10 --connections 50 --rounds 3 --warmup 2 --load wrk --queries search,partner
 * --workloads varied --seed 2026 --redis redis://… --cpu-prof dir --cpu-prof-subgraphs dir --baseline main --only cached --quick` (quick: short cells for a smoke run; explicit flags
 * still win).
 */
export function parseGatewayBenchArgs(argv: readonly string[]): GatewayBenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      load: { type: 'string' },
      queries: { type: 'string' },
      workloads: { type: 'string' },
      seed: { type: 'string' },
      redis: { type: 'string' },
      'cpu-prof': { type: 'string' },
      'cpu-prof-subgraphs': { type: 'string' },
      baseline: { type: 'string' },
      only: { type: 'string' },
      quick: { type: 'boolean' },
    },
  });
  const base = values.quick ? { ...DEFAULTS, ...QUICK } : DEFAULTS;
  return {
    durationS: positive(values.duration, 'duration') ?? base.durationS,
    connections: positive(values.connections, 'connections') ?? base.connections,
    rounds: positive(values.rounds, 'rounds') ?? base.rounds,
    warmupS: positive(values.warmup, 'warmup') ?? base.warmupS,
    loadGenerator: one(values.load, LOAD_GENERATORS, 'load') ?? base.loadGenerator,
    prime: base.prime,
    queries: list(values.queries, QUERY_NAMES, 'queries') ?? base.queries,
    workloads: list(values.workloads, WORKLOADS, 'workloads') ?? base.workloads,
    seed: positive(values.seed, 'seed') ?? base.seed,
    redisUrl: values.redis === 'off' ? undefined : (values.redis ?? base.redisUrl),
    ...(values['cpu-prof'] ? { cpuProfDir: resolve(values['cpu-prof']) } : {}),
    ...(values['cpu-prof-subgraphs']
      ? { subgraphCpuProfDir: resolve(values['cpu-prof-subgraphs']) }
      : {}),
    ...(values.baseline ? { baseline: values.baseline } : {}),
    ...(values.only ? { only: words(values.only, 'only') } : {}),
  };
}
