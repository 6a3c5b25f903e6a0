// One federated query through this router (response cache on and off, in process and in
// Redis), stock @apollo/gateway in @apollo/server, and @graphql-hive/gateway, all over the
// same in-process subgraphs, side by side, with ratios to stock Apollo. `pnpm bench`.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SubgraphName } from '@travel/stack';
import autocannon from 'autocannon';
import { startBenchStack } from './bench-stack.ts';

const DURATION_S = 5;
const CONNECTIONS = 10;

// The README query: hotels, their owners and review authors (hotels + accounts).
const QUERY = `query Lisbon {
  searchHotels(input: { city: "Lisbon" }, first: 5) {
    totalCount
    edges { node { name owner { name } reviews(first: 2) { edges { node { rating author { name } } } } } }
  }
}`;
const BODY = JSON.stringify({ query: QUERY });

interface Target {
  name: string;
  url: string;
  stop?: () => Promise<void>;
}

interface Row {
  gateway: string;
  rps: number;
  p50: number;
  p99: number;
  failed: number;
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** The committed supergraph with each subgraph's URL replaced by where it runs now. */
function supergraphAt(urls: Record<SubgraphName, string>): string {
  const sdl = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
  return sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]+"\)/g, (match, name: string) =>
    name in urls ? `@join__graph(name: "${name}", url: "${urls[name as SubgraphName]}")` : match,
  );
}

async function listenOnFreePort(server: ReturnType<typeof createServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/** Stock Apollo: the gateway's defaults (its own fetcher, no plugins) in @apollo/server. */
async function startApolloGateway(supergraphSdl: string): Promise<Target> {
  // Loaded here, after @travel/stack turned Apollo's telemetry off (see router/src/index.ts).
  const { ApolloGateway } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const server = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl, logger: silent }),
    logger: silent,
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0 } });
  return { name: '@apollo/gateway (stock)', url, stop: () => server.stop() };
}

async function startHiveGateway(supergraph: string): Promise<Target> {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  const runtime = createGatewayRuntime({ supergraph, logging: false });
  const server = createServer(runtime);
  const url = await listenOnFreePort(server);
  return {
    name: '@graphql-hive/gateway',
    url,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await runtime.dispose();
    },
  };
}

const load = (url: string, duration: number) =>
  autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: CONNECTIONS,
    duration,
  });

async function measure(target: Target): Promise<Row> {
  const check = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  });
  const answer = (await check.json()) as { data?: unknown; errors?: unknown[] };
  if (check.status !== 200 || answer.errors || !answer.data) {
    throw new Error(`${target.name}: ${JSON.stringify(answer).slice(0, 300)}`);
  }
  const result = await load(target.url, DURATION_S);
  return {
    gateway: target.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`);

/** Throughput and latency of the same query through each gateway, with ratios. */
export async function benchGateways(): Promise<void> {
  // Errors only: a warning per request (unlisted operations) would cost throughput.
  const stack = await startBenchStack({ logLevel: 'error' });
  const targets: Target[] = [];
  try {
    targets.push({ name: 'this router, cached (in process)', url: stack.url });
    const redisPrefix = `bench:${randomBytes(4).toString('hex')}:`;
    const inRedis = await stack.startRouter({
      REDIS_URL: stack.redisUrl,
      REDIS_KEY_PREFIX: redisPrefix,
    });
    targets.push({ name: 'this router, cached (Redis)', ...inRedis });
    const uncached = await stack.startRouter({ RESPONSE_CACHE: 'false' });
    targets.push({ name: 'this router, uncached', ...uncached });
    const supergraph = supergraphAt(stack.subgraphUrls);
    targets.push(await startApolloGateway(supergraph));
    targets.push(await startHiveGateway(supergraph));

    // Warm every target before measuring any (JIT of the shared process, connections, plan
    // and response caches), then two rounds, keeping each target's better one: on a shared
    // machine, whichever ran first or next to a busy moment would otherwise look slower.
    for (const target of targets) await load(target.url, 2);
    const rounds: Row[][] = [[], []];
    for (const round of rounds) for (const target of targets) round.push(await measure(target));
    const rows = targets.map((_target, i) => {
      const [a, b] = [rounds[0]?.[i], rounds[1]?.[i]] as [Row, Row];
      return a.rps >= b.rps ? a : b;
    });
    const apollo = rows.find((row) => row.gateway.startsWith('@apollo'));
    console.table(
      rows.map((row) => ({
        gateway: row.gateway,
        'req/s': Math.round(row.rps),
        'p50 ms': row.p50,
        'p99 ms': row.p99,
        failed: row.failed,
        'req/s vs apollo': apollo ? ratio(row.rps, apollo.rps) : 'n/a',
        'p99 vs apollo': apollo ? ratio(row.p99, apollo.p99) : 'n/a',
      })),
    );
    const [cached, , plain] = rows;
    if (cached && plain) {
      console.log(
        `cached / uncached (this router): req/s ${ratio(cached.rps, plain.rps)}, ` +
          `p99 ${ratio(cached.p99, plain.p99)} ` +
          `(${CONNECTIONS} connections, ${DURATION_S} s each, one machine for all)`,
      );
    }
  } finally {
    for (const target of targets.reverse()) await target.stop?.().catch(() => undefined);
    await stack.stop();
  }
}
