// pnpm bench: every benchmark, one after the other (`pnpm bench tracing`: those whose name
// contains `tracing`). Add a bench: export a function from bench/src/<name>.ts and list it here.
import { benchGateways } from './gateways.ts';
import { benchPersistedQueries } from './persisted-queries.ts';
import { benchSubscriptions } from './subscriptions.ts';
import { benchTracing } from './tracing.ts';

const only = process.argv[2];
const benches: Array<[name: string, run: () => Promise<void>]> = [
  ['persisted queries: id vs full query', benchPersistedQueries],
  ['gateways: one federated query, cached and not, vs Apollo and Hive', benchGateways],
  ['subscriptions: fan-out to 1,000 subscribers, answers shared and not', benchSubscriptions],
  ['tracing: on vs off, whole stacks in separate processes', () => benchTracing()],
];

for (const [name, run] of benches.filter(([name]) => !only || name.includes(only))) {
  console.log(`\n== ${name}`);
  await run();
}
process.exit(0);
