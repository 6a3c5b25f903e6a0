// pnpm bench gateways [--quick] [--duration s] [--connections n] [--rounds n] …: this router
// (uncached and cached), stock @apollo/gateway and @graphql-hive/gateway over the same seeded
// subgraphs, every service and the load generator in a process of its own.
import { availableParallelism } from 'node:os';
import { checkoutBaseline } from '../subgraphs/baseline-checkout.ts';
import { createFixtures } from './fixtures.ts';
import { BARE, GATEWAY_NAMES, isRouter, startGatewayProcesses } from './gateway-processes.ts';
import type { GatewayBenchOptions } from './options.ts';
import { readCpuMs, readLoadAverage, readPostgresCpuMs } from './proc-stat.ts';
import { type Cell, printReport } from './report.ts';
import { startLoadGenerator } from './run-load.ts';
import { sendLeftovers } from './send-leftovers.ts';
import type { ServiceProcess } from './service-process.ts';
import {
  createSequenceFactory,
  type Fixtures,
  type QueryName,
  READS_ANSWERS,
  VARIED_LIST_LENGTH,
  VARIED_ONLY,
  type Workload,
} from './workloads.ts';

interface Target {
  name: string;
  service: ServiceProcess;
  router: boolean;
}

export async function benchGateways(options: GatewayBenchOptions): Promise<void> {
  const loadBefore = readLoadAverage();
  console.log(
    `load average before: ${loadBefore} (${availableParallelism()} cores); ` +
      `${options.rounds} round(s) of ${options.durationS} s cells, ${options.connections} connections, ` +
      `warm-up ${options.warmupS} s, seed ${options.seed}, load from ${options.loadGenerator}`,
  );
  const baseline = options.baseline ? checkoutBaseline(options.baseline) : undefined;
  if (baseline) console.log(`baseline rows: the router of ${baseline.commit}`);
  const processes = await startGatewayProcesses({
    redisUrl: options.redisUrl,
    cpuProfDir: options.cpuProfDir,
    subgraphCpuProfDir: options.subgraphCpuProfDir,
    baselineRoot: baseline?.root,
    only: options.only,
  }).catch((error) => {
    baseline?.remove();
    throw error;
  });
  const loader = startLoadGenerator();
  let failed = false;
  try {
    const fixtures = await createFixtures(processes.accountsUrl);
    const kinds: [Workload, QueryName][] = options.workloads.flatMap((workload) =>
      options.queries
        .filter((query) => workload === 'varied' || !VARIED_ONLY.includes(query))
        .map((query): [Workload, QueryName] => [workload, query]),
    );
    const gateways: Target[] = GATEWAY_NAMES.flatMap((name) => {
      const service = processes.gateways[name];
      return service ? [{ name, service, router: isRouter(name) }] : [];
    });
    if (gateways.length === 0) throw new Error(`--only ${options.only?.join(',')}: no gateway`);
    const withBare = kinds.some(([w, q]) => w === 'identical' && q === 'search');
    const bare: Target | undefined = withBare
      ? {
          name: BARE,
          service: await processes.startBare(await readmeAnswer(gateways[0], fixtures, options)),
          router: false,
        }
      : undefined;
    // The bare server only knows the README search's answer.
    const targetsOf = (workload: Workload, query: QueryName) =>
      bare && workload === 'identical' && query === 'search' ? [...gateways, bare] : gateways;

    const load = (target: Target, workload: Workload, query: QueryName, s: number, max?: number) =>
      loader.run({
        origin: target.service.url.replace(/\/graphql$/, ''),
        query,
        workload,
        fixtures,
        router: target.router,
        durationS: s,
        connections: options.connections,
        generator: options.loadGenerator,
        seed: options.seed,
        ...(max ? { maxRequests: max } : {}),
      });
    const measure = async (target: Target, workload: Workload, query: QueryName, s: number) => {
      const pids = [target.service.pid, ...processes.subgraphs.map((p) => p.pid)];
      const before = pids.map(readCpuMs);
      const postgresBefore = readPostgresCpuMs();
      const result = await load(target, workload, query, s);
      const used = pids.map((pid, i) => readCpuMs(pid) - (before[i] ?? 0));
      const postgresCpuMs = readPostgresCpuMs() - postgresBefore;
      // After the CPU is read: the cell's cost does not include its clean-up.
      await sendLeftovers(target.service.url, result.leftovers);
      const { leftovers: _sent, ...measured } = result;
      return {
        ...measured,
        gatewayCpuMs: used[0] ?? 0,
        subgraphCpuMs: used.slice(1),
        postgresCpuMs,
      };
    };

    for (const [workload, query] of kinds) {
      // The first gateway to walk a varied list would pay for every first read of the subgraphs
      // and PostgreSQL (a quarter more CPU per request measured, so the gateways first in a
      // round looked slower): one unmeasured walk of the whole list reads everything first.
      const first = gateways[0];
      if (first && primes(workload, query, options)) {
        const { completed } = await load(first, workload, query, PRIME_CAP_S, VARIED_LIST_LENGTH);
        console.log(`primed ${workload} ${query}: ${completed} requests through ${first.name}`);
      }
      for (const target of targetsOf(workload, query)) {
        await measure(target, workload, query, options.warmupS);
      }
    }
    const cells: Cell[] = [];
    for (let round = 0; round < options.rounds; round++) {
      for (const [workload, query] of kinds) {
        const targets = targetsOf(workload, query);
        // Rotated each round: no gateway always follows the same one (or a busy moment).
        const order = targets.map((_, i) => targets[(i + round) % targets.length] as Target);
        for (const target of order) {
          const result = await measure(target, workload, query, options.durationS);
          cells.push({ gateway: target.name, workload, query, round, ...result });
          process.stdout.write('.');
        }
      }
    }
    console.log('');
    printReport(cells, {
      gatewayNames: [...GATEWAY_NAMES, BARE],
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
    baseline?.remove();
  }
}

/** The longest a priming walk may take (the signed-in list takes ~30 s on two cores). */
const PRIME_CAP_S = 120;

/** Varied workloads sent as wrk's fixed list (VARIED_LIST_LENGTH requests) are primed. */
const primes = (workload: Workload, query: QueryName, options: GatewayBenchOptions) =>
  options.prime &&
  workload === 'varied' &&
  options.loadGenerator === 'wrk' &&
  !READS_ANSWERS.includes(query);

/** What a gateway answers to the identical README search: the bytes the bare server sends. */
async function readmeAnswer(
  gateway: Target | undefined,
  fixtures: Fixtures,
  options: GatewayBenchOptions,
): Promise<string> {
  if (!gateway) throw new Error('no gateway');
  const request = createSequenceFactory('search', 'identical', fixtures, {
    router: gateway.router,
    seed: options.seed,
  })(0).next(undefined);
  const res = await fetch(gateway.service.url, { method: 'POST', ...request });
  const answer = await res.text();
  if (!res.ok || answer.includes('"errors"')) throw new Error(`README search: ${answer}`);
  return answer;
}
