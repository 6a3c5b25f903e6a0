// Subscriptions at scale: 1,000 signed-up users (guests and hotel owners) hold 10,000
// subscriptions over 2,000 graphql-ws sockets on one router; 200 booking changes at ~20/s
// through the router; every subscriber's expected deliveries follow from each
// change's audience. The router, each subgraph and the clients run in processes of their own.
// `pnpm bench subscriptions [--quick] [--users n --changes n --rate n --client-processes n]`.
import { readCpuMs, readLoadAverage } from './gateways/proc-stat.ts';
import type { SubscriptionBenchOptions } from './subscription-options.ts';
import { hotelOf, planSubscriptionBench } from './subscription-plan.ts';
import {
  forkClients,
  readRssKiB,
  settledGauge,
  startSubscriptionProcesses,
} from './subscription-processes.ts';
import {
  compareDeliveries,
  type Delivery,
  expectedDeliveries,
  type ResolvedChange,
  type SubscriptionTarget,
  targetLines,
} from './subscription-report.ts';
import { makeChange, setUpUsers, socketsOf } from './subscription-setup.ts';

const now = () => performance.timeOrigin + performance.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function benchSubscriptions(options: SubscriptionBenchOptions): Promise<void> {
  const plan = planSubscriptionBench(options.users, options.changes);
  const started = now();
  const processes = await startSubscriptionProcesses({
    users: options.users,
    profileRouter: options.profile,
  });
  const { router } = processes;
  const children = Array.from({ length: options.clientProcesses }, forkClients);
  let failed = true;
  try {
    const users = await setUpUsers(router.url, plan, `${process.pid}-${Date.now()}`, console.log);
    console.log(`set up ${plan.users} users, ${plan.owners} hotels in ${seconds(now() - started)}`);

    // Sockets of one user stay in one client process; users are dealt out round-robin.
    const sockets = socketsOf(plan, users);
    const share = (c: number) =>
      sockets.filter((_, s) => Math.floor(s / 2) % children.length === c);
    const rssBefore = readRssKiB(router.pid);
    const cpuBeforeConnect = readCpuMs(router.pid);
    const connectStart = now();
    const wsUrl = router.url.replace(/^http/, 'ws');
    await Promise.all(
      children.map((c, i) => c.call({ type: 'open', url: wsUrl, sockets: share(i) })),
    );
    const active = await settledGauge(
      router.url,
      'graphql_subscriptions_active',
      plan.subscriptions.length,
      20_000,
    );
    const connectMs = now() - connectStart;
    // Refused at their start (a subgraph timing out on their authorization): not expected to
    // receive anything, and reported.
    const refusedAtStart = new Set<number>();
    const startErrors: string[] = [];
    for (const answer of await Promise.all(children.map((c) => c.call({ type: 'failed' })))) {
      if (answer.type !== 'failed') continue;
      for (const id of answer.ids) refusedAtStart.add(id);
      startErrors.push(...answer.errors);
    }
    if (refusedAtStart.size > 0) {
      console.log(`${refusedAtStart.size} subscriptions refused at their start, e.g.:`);
      for (const error of startErrors.slice(0, 3)) console.log(`  ${error.slice(0, 300)}`);
    }
    const connectCpu = readCpuMs(router.pid) - cpuBeforeConnect;
    // Idle: let the starts' garbage go before reading the resident set.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const rssPerSocket = (readRssKiB(router.pid) - rssBefore) / plan.sockets;
    console.log(
      `${active} of ${plan.subscriptions.length} subscriptions active on ${plan.sockets} sockets in ${seconds(connectMs)} ` +
        `(router CPU ${seconds(connectCpu)}); router RSS ${rssBefore} KiB before, ` +
        `${(rssPerSocket).toFixed(1)} KiB per socket after`,
    );

    // --profile: the changes and their deliveries only (profiled-router.ts).
    if (options.profile) process.kill(router.pid, 'SIGUSR2');
    const cpuBefore = readCpuMs(router.pid);
    const subgraphCpu = () => processes.subgraphs.reduce((ms, s) => ms + readCpuMs(s.pid), 0);
    const subgraphCpuBefore = subgraphCpu();
    const changesStart = now();
    const intervalMs = 1000 / options.rate;
    const failures: string[] = [];
    const made = await Promise.all(
      plan.changes.map(async (change, k) => {
        await new Promise((resolve) => setTimeout(resolve, changesStart + k * intervalMs - now()));
        const sentAt = now();
        try {
          const { id, status } = await makeChange(router.url, plan, users, k);
          const hotel = hotelOf(plan, change.guest);
          return { bookingId: id, guest: change.guest, hotel, status, sentAt, answeredAt: now() };
        } catch (error) {
          failures.push(`${change.kind}: ${String(error).slice(0, 160)}`);
          return undefined;
        }
      }),
    );
    const changes = made.filter((c): c is ResolvedChange => c !== undefined);
    const changesMs = now() - changesStart;

    const targets: SubscriptionTarget[] = plan.subscriptions
      .filter((s) => !refusedAtStart.has(s.id))
      .map((s) => ({
        id: s.id,
        user: s.user,
        field: s.field,
        ...(s.field === 'bookingUpdated' ? { bookingId: users[s.user]?.bookingId } : {}),
      }));
    const expected = expectedDeliveries(changes, targets);
    const collected = await Promise.all(
      children.map((c, i) => {
        const mine = new Set(share(i).flatMap((s) => s.subscriptions.map((sub) => sub.id)));
        const count = [...expected]
          .filter(([id]) => mine.has(id))
          .reduce((n, [, s]) => n + s.size, 0);
        return c.call({ type: 'collect', expected: count, quietMs: 5000 });
      }),
    );
    const cpuMs = readCpuMs(router.pid) - cpuBefore;
    const subgraphCpuMs = subgraphCpu() - subgraphCpuBefore;
    if (options.profile) process.kill(router.pid, 'SIGUSR2');
    const deliveries: Delivery[] = [];
    const errors: string[] = [];
    let errorResults = 0;
    for (const answer of collected) {
      if (answer.type !== 'collected') continue;
      deliveries.push(...answer.deliveries);
      errors.push(...answer.errors);
      errorResults += answer.errorResults;
    }
    const report = compareDeliveries(changes, targets, deliveries);
    console.table([
      {
        changes: `${changes.length} in ${seconds(changesMs)}`,
        'failed changes': failures.length,
        expected: report.expected,
        delivered: report.delivered,
        lost: report.lost,
        'of them errors': errorResults,
        duplicated: report.duplicated,
        'out of order': report.outOfOrder,
        'p50 ms (answer→client)': report.fromAnswer.p50,
        'p99 ms': report.fromAnswer.p99,
        'max ms': report.fromAnswer.max,
        'p99 ms (sent→client)': report.fromSent.p99,
        'router CPU': `${seconds(cpuMs)} (${Math.round((100 * cpuMs) / changesMs)}% of a core)`,
        'subgraphs CPU': seconds(subgraphCpuMs),
      },
    ]);
    // The same failure many times over: each once, with its count.
    const kinds = new Map<string, number>();
    for (const failure of failures) kinds.set(failure, (kinds.get(failure) ?? 0) + 1);
    for (const [failure, n] of kinds) console.log(`failed change (${n}×): ${failure}`);
    for (const error of errors.slice(0, 5)) console.log(`subscriber error: ${error}`);
    const scale = {
      subscriptions: active,
      sockets: plan.sockets,
      users: plan.users,
    };
    for (const line of targetLines(report, scale, rssPerSocket)) console.log(line);
    console.log(`load average ${readLoadAverage()} (2 cores; every process on this machine)`);
    await Promise.all(children.map((c) => c.call({ type: 'close' })));
    failed = false;
  } finally {
    for (const child of children) child.stop();
    // A profile is written when the router exits: keep the directory it is in.
    await processes.stop(failed || options.profile);
    if (failed || options.profile) console.error(`services' logs: ${processes.logDir}`);
  }
}
