// pnpm bench gateways [--quick] [--duration s] [--connections n] [--rounds n] …: this router
// (uncached and cached), stock @apollo/gateway and @graphql-hive/gateway over the same seeded
// subgraphs, every service and the load generator in a process of its own (issue 10).
import { availableParallelism } from 'node:os';
import { createFixtures } from './fixtures.ts';
import {
  GATEWAY_NAMES,
  type GatewayName,
  isRouter,
  startGatewayProcesses,
} from './gateway-processes.ts';
import type { GatewayBenchOptions } from './options.ts';
import { readCpuMs, readLoadAverage } from './proc-stat.ts';
import { type Cell, printReport } from './report.ts';
import { startLoadGenerator } from './run-load.ts';
import { type QueryName, VARIED_ONLY, type Workload } from './workloads.ts';

export async function benchGateways(options: GatewayBenchOptions): Promise<void> {
  const loadBefore = readLoadAverage();
  console.log(
    `load average before: ${loadBefore} (${availableParallelism()} cores); ` +
      `${options.rounds} round(s) of ${options.durationS} s cells, ${options.connections} connections, ` +
      `warm-up ${options.warmupS} s, seed ${options.seed}`,
  );
  const processes = await startGatewayProcesses();
  const loader = startLoadGenerator();
  let failed = false;
  try {
    const fixtures = await createFixtures(processes.accountsUrl);
    const kinds: [Workload, QueryName][] = options.workloads.flatMap((workload) =>
      options.queries
        .filter((query) => workload === 'varied' || !VARIED_ONLY.includes(query))
        .map((query): [Workload, QueryName] => [workload, query]),
    );
    const measure = async (
      gateway: GatewayName,
      workload: Workload,
      query: QueryName,
      s: number,
    ) => {
      const service = processes.gateways[gateway];
      const pids = [service.pid, ...processes.subgraphs.map((p) => p.pid)];
      const before = pids.map(readCpuMs);
      const result = await loader.run({
        origin: service.url.replace(/\/graphql$/, ''),
        query,
        workload,
        fixtures,
        router: isRouter(gateway),
        durationS: s,
        connections: options.connections,
        seed: options.seed,
      });
      const used = pids.map((pid, i) => readCpuMs(pid) - (before[i] ?? 0));
      return { ...result, gatewayCpuMs: used[0] ?? 0, subgraphCpuMs: used.slice(1) };
    };

    for (const [workload, query] of kinds) {
      for (const gateway of GATEWAY_NAMES) await measure(gateway, workload, query, options.warmupS);
    }
    const cells: Cell[] = [];
    for (let round = 0; round < options.rounds; round++) {
      // Rotated each round: no gateway always follows the same one (or a busy moment).
      const order = GATEWAY_NAMES.map((_, i) => GATEWAY_NAMES[(i + round) % GATEWAY_NAMES.length]);
      for (const [workload, query] of kinds) {
        for (const gateway of order as GatewayName[]) {
          const result = await measure(gateway, workload, query, options.durationS);
          cells.push({ gateway, workload, query, round, ...result });
          process.stdout.write('.');
        }
      }
    }
    console.log('');
    printReport(cells, {
      subgraphNames: processes.subgraphs.map((p) => p.name),
      options,
      loadBefore,
      loadAfter: readLoadAverage(),
      cores: availableParallelism(),
    });
  } catch (error) {
    failed = true;
    console.error(`services' logs: ${processes.logDir}`);
    throw error;
  } finally {
    loader.stop();
    // Logs are kept when the run failed, to read why.
    await processes.stop(failed);
  }
}
