// pnpm bench: every benchmark, one after the other. Add a bench: export a function from
// bench/src/<name>.ts and list it here.
import { benchGateways } from './gateways.ts';
import { benchPersistedQueries } from './persisted-queries.ts';
import { benchSubscriptions } from './subscriptions.ts';

const benches: Array<[name: string, run: () => Promise<void>]> = [
  ['persisted queries: id vs full query', benchPersistedQueries],
  ['gateways: one federated query, cached and not, vs Apollo and Hive', benchGateways],
  ['subscriptions: fan-out to 1,000 subscribers, answers shared and not', benchSubscriptions],
];

for (const [name, run] of benches) {
  console.log(`\n== ${name}`);
  await run();
}
process.exit(0);
