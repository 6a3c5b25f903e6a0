import { BARE, type GatewayName } from './gateway-processes.ts';
import type { LoadResult } from './load-generator.ts';
import type { GatewayBenchOptions } from './options.ts';
import { formatRatio, median, perRequest } from './stats.ts';
import { QUERY_TITLES, type QueryName, type Workload } from './workloads.ts';

export interface Cell extends Omit<LoadResult, 'leftovers'> {
  gateway: string;
  workload: Workload;
  query: QueryName;
  round: number;
  gatewayCpuMs: number;
  /** One per subgraph, in the order of `subgraphNames`. */
  subgraphCpuMs: number[];
  /** Every PostgreSQL process's (the subgraphs' databases), see readPostgresCpuMs. */
  postgresCpuMs: number;
}

export interface ReportContext {
  /** Rows in this order; a name without cells in a table is left out of it. */
  gatewayNames: string[];
  subgraphNames: string[];
  options: GatewayBenchOptions;
  loadBefore: string;
  loadAfter: string;
  cores: number;
}

interface Row {
  gateway: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  gatewayCpu: number;
  subgraphCpu: number[];
  postgresCpu: number;
  firstError?: string;
}

const APOLLO: GatewayName = '@apollo/gateway (stock)';
const HIVE: GatewayName = '@graphql-hive/gateway';
const CACHED: GatewayName[] = [
  'router, cached',
  'router, cached (Redis)',
  'router, cached (baseline)',
  'router, cached (Redis) (baseline)',
];

/** Medians over the rounds of one gateway's cells; errors are summed. */
export function summarize(cells: readonly Cell[], gateway: string): Row {
  const own = cells.filter((cell) => cell.gateway === gateway);
  const cpu = (pick: (cell: Cell) => number) =>
    median(own.map((cell) => (cell.completed > 0 ? pick(cell) / cell.completed : 0)));
  const subgraphs = own[0]?.subgraphCpuMs.length ?? 0;
  const firstError = own.find((cell) => cell.firstError)?.firstError;
  return {
    gateway,
    rps: median(own.map((cell) => cell.rps)),
    p50: median(own.map((cell) => cell.p50)),
    p99: median(own.map((cell) => cell.p99)),
    errors: own.reduce((sum, cell) => sum + cell.errors, 0),
    gatewayCpu: cpu((cell) => cell.gatewayCpuMs),
    subgraphCpu: Array.from({ length: subgraphs }, (_, i) => cpu((c) => c.subgraphCpuMs[i] ?? 0)),
    postgresCpu: cpu((cell) => cell.postgresCpuMs),
    ...(firstError ? { firstError } : {}),
  };
}

const ms = (value: number) => String(perRequest(value, 1));

/** One markdown table per (workload, query), then the load average and how to read it. */
export function printReport(cells: readonly Cell[], context: ReportContext): void {
  const { options } = context;
  for (const workload of options.workloads) {
    for (const query of options.queries) {
      const own = cells.filter((cell) => cell.workload === workload && cell.query === query);
      if (own.length === 0) continue;
      const rows = context.gatewayNames
        .filter((gateway) => own.some((cell) => cell.gateway === gateway))
        .map((gateway) => summarize(own, gateway));
      const apollo = rows.find((row) => row.gateway === APOLLO);
      const hive = rows.find((row) => row.gateway === HIVE);
      console.log(`\n### ${workload}: ${QUERY_TITLES[query]}\n`);
      console.log(
        '| gateway | req/s | p50 ms | p99 ms | errors | gateway CPU ms/req | subgraphs CPU ms/req ' +
          `(${context.subgraphNames.join(' + ')}) | PostgreSQL CPU ms/req | ` +
          'req/s vs Apollo | req/s vs Hive | gateway CPU vs Apollo |',
      );
      console.log('|---|---|---|---|---|---|---|---|---|---|---|');
      for (const row of rows) {
        const subgraphTotal = row.subgraphCpu.reduce((sum, value) => sum + value, 0);
        console.log(
          `| ${row.gateway} | ${Math.round(row.rps)} | ${ms(row.p50)} | ${ms(row.p99)} | ${row.errors} | ` +
            `${ms(row.gatewayCpu)} | ${ms(subgraphTotal)} (${row.subgraphCpu.map(ms).join(' + ')}) | ` +
            `${ms(row.postgresCpu)} | ` +
            `${formatRatio(row.rps, apollo?.rps)} | ${formatRatio(row.rps, hive?.rps)} | ` +
            `${formatRatio(row.gatewayCpu, apollo?.gatewayCpu)} |`,
        );
      }
      const bare = rows.find((row) => row.gateway === BARE);
      for (const cached of rows.filter((row) => CACHED.includes(row.gateway as GatewayName))) {
        if (!bare) break;
        const met = cached.rps >= bare.rps / 2 && cached.p99 < 10;
        console.log(
          `\n${cached.gateway} / bare node:http: req/s ${formatRatio(cached.rps, bare.rps)}, ` +
            `p99 ${ms(cached.p99)} ms, CPU ms/req ${formatRatio(cached.gatewayCpu, bare.gatewayCpu)} ` +
            `(target: req/s at least 0.50x, p99 under 10 ms: ${met ? 'met' : 'NOT met'})`,
        );
      }
      for (const row of rows.filter((r) => r.firstError)) {
        console.log(`  ${row.gateway}, first error: ${row.firstError}`);
      }
    }
  }
  const [before] = context.loadBefore.split(' ').map(Number);
  console.log(
    `\nload average before: ${context.loadBefore}, after: ${context.loadAfter} ` +
      `(${context.cores} cores; ${options.rounds} rounds, ${options.durationS} s cells, ` +
      `${options.connections} connections, medians). The bench itself loads the machine fully: ` +
      'compare ratios from one run, not absolute figures across runs.',
  );
  if ((before ?? 0) > context.cores / 2) {
    console.log(
      `WARNING: the load average was ${before} before the run started: other work shared the ` +
        'machine; do not trust these numbers.',
    );
  }
}
