// pnpm bench: every benchmark, one after the other (`pnpm bench tracing`: those whose name
// contains `tracing`; flags after it go to the benches that take them, e.g.
// `pnpm bench gateways --quick`). Add a bench: export a function from bench/src/<name>.ts and
// list it here.
import { parseGatewayBenchArgs } from './gateways/options.ts';
import { benchGateways } from './gateways/run-gateway-bench.ts';
import { benchPersistedQueries } from './persisted-queries.ts';
import { parseSubgraphBenchArgs } from './subgraphs/options.ts';
import { benchSubgraphs } from './subgraphs/run-subgraph-bench.ts';
import { parseSubscriptionBenchArgs } from './subscription-options.ts';
import { benchSubscriptions } from './subscriptions.ts';
import { benchTracing } from './tracing.ts';

const USAGE = `pnpm bench [name] [flags]: every bench, or those whose title contains name
  gateways       --duration s --connections n --rounds n --warmup s --load wrk|autocannon
                 --queries search,signed-in,partner,mutations --workloads identical,varied
                 --seed n --redis url|off --cpu-prof dir --cpu-prof-subgraphs dir
                 --baseline rev --only words --quick
  subgraphs      --duration s --connections n --rounds n --warmup s --queries names
                 --baseline rev --cpu-prof dir --quick
  subscriptions  --users n --changes n --rate n --client-processes n --profile --quick
  tracing, persisted queries: no flags
Defaults and what each measures: README.md, Performance.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const only = args[0]?.startsWith('--') ? undefined : args[0];
const flags = only ? args.slice(1) : args;
const benches: Array<[name: string, run: () => Promise<void>]> = [
  ['persisted queries: id vs full query', benchPersistedQueries],
  [
    'gateways: this router uncached and cached vs stock Apollo Gateway and Hive Gateway, every service in its own process',
    () => benchGateways(parseGatewayBenchArgs(flags)),
  ],
  [
    "subgraphs: each alone, replaying a gateway's calls, CPU per request (--baseline <rev> alongside)",
    () => benchSubgraphs(parseSubgraphBenchArgs(flags)),
  ],
  [
    'subscriptions: 10,000 over 2,000 sockets from 1,000 users, 200 booking changes at 20/s',
    () => benchSubscriptions(parseSubscriptionBenchArgs(flags)),
  ],
  ['tracing: on vs off, whole stacks in separate processes', () => benchTracing()],
];

for (const [name, run] of benches.filter(([name]) => !only || name.includes(only))) {
  console.log(`\n== ${name}`);
  await run();
}
process.exit(0);
