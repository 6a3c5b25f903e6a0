import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { list, positive } from '../gateways/options.ts';
import { SUBGRAPH_QUERIES, type SubgraphQuery } from './subgraph-requests.ts';

export interface SubgraphBenchOptions {
  /** A commit to measure against in the same run (`--baseline <rev>`); default none. */
  baseline?: string;
  /** Seconds per measured cell; default 10, 3 in quick mode. */
  durationS: number;
  /** Concurrent connections to the one subgraph; default 20, 10 in quick mode. */
  connections: number;
  /** Rounds, each running every tree once per cell in a rotated order; default 3, 1 quick. */
  rounds: number;
  /** Unmeasured seconds per tree and cell first (JIT, pools); default 2, 1 quick. */
  warmupS: number;
  /** Default both. */
  queries: SubgraphQuery[];
  /**
   * A directory where this tree's subgraphs write a V8 CPU profile each when they stop
   * (`--cpu-prof <dir>`, named by pid; the run prints which is which); default none. The
   * profiler costs CPU itself: measure ratios in a run without it.
   */
  cpuProfDir?: string;
}

const DEFAULTS: SubgraphBenchOptions = {
  durationS: 10,
  connections: 20,
  rounds: 3,
  warmupS: 2,
  queries: [...SUBGRAPH_QUERIES],
};
const QUICK = { durationS: 3, connections: 10, rounds: 1, warmupS: 1 };

/**
 * `--baseline <rev> --duration 10 --connections 20 --rounds 3 --warmup 2 --queries search
 * --quick --cpu-prof <dir>`.
 */
export function parseSubgraphBenchArgs(argv: readonly string[]): SubgraphBenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      baseline: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      queries: { type: 'string' },
      quick: { type: 'boolean' },
      'cpu-prof': { type: 'string' },
    },
  });
  const base = values.quick ? { ...DEFAULTS, ...QUICK } : DEFAULTS;
  const queries = list(values.queries, SUBGRAPH_QUERIES, 'queries');
  return {
    ...(values.baseline ? { baseline: values.baseline } : {}),
    ...(values['cpu-prof'] ? { cpuProfDir: resolve(values['cpu-prof']) } : {}),
    durationS: positive(values.duration, 'duration') ?? base.durationS,
    connections: positive(values.connections, 'connections') ?? base.connections,
    rounds: positive(values.rounds, 'rounds') ?? base.rounds,
    warmupS: positive(values.warmup, 'warmup') ?? base.warmupS,
    queries: queries ?? base.queries,
  };
}
