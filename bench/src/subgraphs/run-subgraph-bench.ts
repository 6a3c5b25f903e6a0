// pnpm bench subgraphs [--baseline <rev>] [--quick] …: each subgraph alone in a process of its
// own over seeded databases, replaying the requests a gateway sends it for the README search,
// the signed-in query and the partner operation (requests.json), CPU per gateway request from /proc; with
// --baseline, that commit's subgraphs run alongside in the same run, cells alternating.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPH_NAMES, type SubgraphName } from '@travel/stack';
import { provisionDatabases } from '@travel/testing/provision';
import { COMMON_ENV, seed } from '../gateways/gateway-processes.ts';
import { readCpuMs, readLoadAverage, readPostgresCpuMs } from '../gateways/proc-stat.ts';
import { startLoadGenerator } from '../gateways/run-load.ts';
import type { ServiceProcess } from '../gateways/service-process.ts';
import { startSubgraphProcesses } from '../gateways/subgraph-processes.ts';
import { type BaselineCheckout, checkoutBaseline } from './baseline-checkout.ts';
import type { SubgraphBenchOptions } from './options.ts';
import { printSubgraphReport, type SubgraphCell } from './subgraph-report.ts';
import {
  mintTravelerToken,
  readCapturedRequests,
  requestSpecsFor,
  type SubgraphQuery,
} from './subgraph-requests.ts';

export const THIS_TREE = 'this tree';

interface Tree {
  label: string;
  subgraphs: Record<SubgraphName, ServiceProcess>;
}

export async function benchSubgraphs(options: SubgraphBenchOptions): Promise<void> {
  const loadBefore = readLoadAverage();
  const captured = readCapturedRequests();
  const logDir = mkdtempSync(join(tmpdir(), 'travel-bench-subgraphs-'));
  const baseline: BaselineCheckout | undefined = options.baseline
    ? checkoutBaseline(options.baseline)
    : undefined;
  console.log(
    `load average before: ${loadBefore} (${availableParallelism()} cores); ` +
      `${options.rounds} round(s) of ${options.durationS} s cells, ${options.connections} connections` +
      (baseline ? `; baseline ${baseline.commit}` : ''),
  );
  const databases = await provisionDatabases(SUBGRAPH_NAMES);
  const services: ServiceProcess[] = [];
  const loader = startLoadGenerator();
  let failed = false;
  try {
    const databaseUrls = databases.urls as Record<SubgraphName, string>;
    await seed(databaseUrls);
    const trees: Tree[] = [];
    for (const [label, root] of [
      [THIS_TREE, undefined],
      ...(baseline ? [[`baseline ${baseline.commit}`, baseline.root]] : []),
    ] as [string, string | undefined][]) {
      const profiled = root === undefined ? options.cpuProfDir : undefined;
      const started = await startSubgraphProcesses({
        databaseUrls,
        env: COMMON_ENV,
        logDir,
        ...(profiled ? { cpuProfDir: profiled } : {}),
        label,
        ...(root ? { root } : {}),
      });
      services.push(...started);
      const byName = Object.fromEntries(
        SUBGRAPH_NAMES.map((name, i) => [name, started[i] as ServiceProcess]),
      ) as Record<SubgraphName, ServiceProcess>;
      trees.push({ label, subgraphs: byName });
      if (profiled) {
        const pids = started.map((service) => `${service.name} ${service.pid}`).join(', ');
        console.log(`CPU profiles in ${options.cpuProfDir} when the run ends (${pids})`);
      }
    }
    const token = await mintTravelerToken();
    const cellsOf = (query: SubgraphQuery) =>
      SUBGRAPH_NAMES.map((name) => ({
        name,
        requests: requestSpecsFor(captured, query, name, token),
      })).filter((cell) => cell.requests.length > 0);

    const measure = async (tree: Tree, query: SubgraphQuery, name: SubgraphName, s: number) => {
      const service = tree.subgraphs[name];
      const requests = requestSpecsFor(captured, query, name, token);
      const before = readCpuMs(service.pid);
      const postgresBefore = readPostgresCpuMs();
      const result = await loader.run({
        origin: service.url.replace(/\/graphql$/, ''),
        requests,
        durationS: s,
        connections: options.connections,
      });
      if (result.errors > 0) throw new Error(`${tree.label} ${name}: ${result.firstError}`);
      return {
        ...result,
        cpuMs: readCpuMs(service.pid) - before,
        postgresCpuMs: readPostgresCpuMs() - postgresBefore,
        perGatewayRequest: requests.length,
      };
    };

    for (const query of options.queries) {
      for (const { name } of cellsOf(query)) {
        for (const tree of trees) await measure(tree, query, name, options.warmupS);
      }
    }
    const cells: SubgraphCell[] = [];
    for (let round = 0; round < options.rounds; round++) {
      for (const query of options.queries) {
        for (const { name } of cellsOf(query)) {
          // Rotated each round: neither tree always runs first (or in a busy moment).
          const order = trees.map((_, i) => trees[(i + round) % trees.length] as Tree);
          for (const tree of order) {
            const result = await measure(tree, query, name, options.durationS);
            cells.push({ tree: tree.label, query, subgraph: name, round, ...result });
            process.stdout.write('.');
          }
        }
      }
    }
    console.log('');
    printSubgraphReport(cells, {
      trees: trees.map((tree) => tree.label),
      queries: options.queries,
      loadBefore,
      loadAfter: readLoadAverage(),
    });
  } catch (error) {
    failed = true;
    console.error(`subgraphs' logs: ${logDir}`);
    throw error;
  } finally {
    loader.stop();
    for (const service of services.reverse()) await service.stop().catch(() => undefined);
    await databases.drop();
    baseline?.remove();
    if (!failed) rmSync(logDir, { recursive: true, force: true });
  }
}
