// Subscription fan-out through the real router over an in-process stack: 1,000 graphql-ws
// subscribers (in a child process), each with its own token: one selection for all (one re-read
// per event, shared) vs a selection of their own (one re-read each), side by side.
// Reports event latency p50/p99 (mutation sent → event received) and router-side heap per
// connection. `pnpm bench`.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createTokenIssuer } from '@travel/auth';
import { BENCH_JWT_SECRET, startBenchStack } from './bench-stack.ts';
import type { FromClients, ToClients } from './subscription-clients.ts';

const SUBSCRIBERS = 1000;
const EVENTS = 5;
/** Subscriber `alias`'s subscription: an alias of its own makes its selection its own. */
const subscription = (alias: string) =>
  `subscription { myBookingUpdates { id ${alias}: status guest { name } hotel { name } } }`;

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

async function graphql(url: string, query: string, variables = {}, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: a bench reads the few fields it asked for
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function gauge(url: string, name: string, value: number) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const text = await (await fetch(new URL('/metrics', url))).text();
    if (text.split('\n').some((l) => l.startsWith(name) && l.endsWith(` ${value}`))) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${name} never reached ${value}`);
}

function clients() {
  // A process of its own: the bench's heap then holds only the router's side of each socket.
  // It needs tsx's loader too (pnpm bench runs from the root, where tsx is installed).
  const child = fork(fileURLToPath(new URL('./subscription-clients.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  });
  const call = (message: ToClients) =>
    new Promise<FromClients>((resolve) => {
      child.once('message', (answer) => resolve(answer as FromClients));
      child.send(message);
    });
  return { call, stop: () => child.kill() };
}

const percentile = (sorted: number[], q: number) =>
  Math.round(sorted[Math.floor((sorted.length - 1) * q)] ?? Number.NaN);

/** Event latency p50/p99 and heap per connection, one shared token vs one token each. */
export async function benchSubscriptions(): Promise<void> {
  let bookingStatements = 0;
  const stack = await startBenchStack({
    onQuery: (subgraph) => {
      if (subgraph === 'bookings') bookingStatements++;
    },
    routerEnv: {
      PERSISTED_QUERIES_MODE: 'off',
      SUBSCRIPTIONS_MAX_CONNECTIONS_PER_IDENTITY: String(SUBSCRIBERS),
      SUBSCRIPTIONS_MAX_PER_IDENTITY: String(SUBSCRIBERS),
    },
  });
  const workers = clients();
  try {
    const { logIn } = await graphql(
      stack.url,
      'mutation { logIn(email: "traveler@demo.travel", password: "travel-demo-2026") { token user { id } } }',
    );
    const hotels = await graphql(
      stack.url,
      '{ searchHotels(input: { city: "Porto" }, first: 1) { edges { node { roomTypes { id } } } } }',
    );
    const roomTypeId: string = hotels.searchHotels.edges[0].node.roomTypes[0].id;
    const viewer = { userId: logIn.user.id as string, role: 'TRAVELER' as const };
    // Tokens that differ (by expiry) but name the same user: answers are still shared.
    const ownTokens = await Promise.all(
      Array.from({ length: SUBSCRIBERS }, (_, i) =>
        createTokenIssuer({ secret: BENCH_JWT_SECRET, ttlSeconds: 3600 + i }).issue(viewer),
      ),
    );
    const scenarios = [
      { name: 'one selection (answer shared)', alias: () => 'status' },
      // A selection of its own per subscriber: every socket costs a re-read of its own.
      { name: 'own selections (no sharing)', alias: (i: number) => `s${i}` },
    ];
    let night = 100;
    const rows = [];
    for (const scenario of scenarios) {
      const heapBefore = heapAfterGc();
      const url = stack.url.replace(/^http/, 'ws');
      const queries = ownTokens.map((_, i) => subscription(scenario.alias(i)));
      await workers.call({ type: 'open', url, tokens: ownTokens, queries });
      await gauge(stack.url, 'graphql_subscriptions_active', SUBSCRIBERS);
      const heapPerConnection = (heapAfterGc() - heapBefore) / SUBSCRIBERS;
      const latencies: number[] = [];
      bookingStatements = 0;
      for (let event = 0; event < EVENTS; event++) {
        night += 2;
        const sentAt = performance.timeOrigin + performance.now();
        await graphql(
          stack.url,
          'mutation ($input: CreateBookingInput!) { createBooking(input: $input) { id } }',
          {
            input: {
              roomTypeId,
              checkIn: new Date(Date.now() + night * 86_400_000).toISOString().slice(0, 10),
              checkOut: new Date(Date.now() + (night + 1) * 86_400_000).toISOString().slice(0, 10),
              guests: 1,
              idempotencyKey: randomUUID(),
            },
          },
          logIn.token,
        );
        const answer = await workers.call({ type: 'collect', expected: SUBSCRIBERS });
        if (answer.type !== 'collected' || answer.failures > 0)
          throw new Error('subscribers failed');
        latencies.push(...answer.receivedAt.map((t) => t - sentAt));
      }
      latencies.sort((a, b) => a - b);
      rows.push({
        subscribers: `${SUBSCRIBERS}, ${scenario.name}`,
        'p50 ms': percentile(latencies, 0.5),
        'p99 ms': percentile(latencies, 0.99),
        'bookings SQL / event (incl. the write)': Math.round(bookingStatements / EVENTS),
        'router heap KiB / connection': Number((heapPerConnection / 1024).toFixed(1)),
      });
      await workers.call({ type: 'close' });
      await gauge(stack.url, 'graphql_ws_connections', 0);
    }
    console.table(rows);
    const [shared, each] = rows as [(typeof rows)[number], (typeof rows)[number]];
    const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(1)}x`);
    console.log(
      `no sharing / shared: p50 ${ratio(each['p50 ms'], shared['p50 ms'])}, ` +
        `p99 ${ratio(each['p99 ms'], shared['p99 ms'])} (${EVENTS} events each, in-process events)`,
    );
  } finally {
    workers.stop();
    await stack.stop();
  }
}
