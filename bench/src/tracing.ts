// Tracing on vs off: the same uncached federated query through two whole stacks, each in a
// process of its own, one exporting every span (OTLP over HTTP to a sink in this process), one
// with tracing off as by default. Ratios from alternating rounds of one run. `pnpm bench`.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { injectTraceContext, traceHeaders } from '@travel/tracing';
import autocannon from 'autocannon';
import type { FromTracingStack, ToTracingStack } from './tracing-stack.ts';

const CONNECTIONS = 10;

// The README query: hotels, their owners and review authors (hotels + accounts).
const BODY = JSON.stringify({
  query: `query Lisbon {
    searchHotels(input: { city: "Lisbon" }, first: 5) {
      totalCount
      edges { node { name owner { name } reviews(first: 2) { edges { node { rating author { name } } } } } }
    }
  }`,
});

/** An OTLP/HTTP receiver that counts and drops what it is sent, as fast as it can. */
async function startSink() {
  let exports = 0;
  let bytes = 0;
  const server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    req.on('end', () => {
      exports++;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => ({ exports, bytes }),
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function startStackProcess(tracingEnv: Record<string, string>) {
  const child = fork(fileURLToPath(new URL('./tracing-stack.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx/esm'],
  });
  const call = (message: ToTracingStack) =>
    new Promise<FromTracingStack>((resolve, reject) => {
      child.once('message', (answer) => resolve(answer as FromTracingStack));
      child.once('exit', (code) => reject(new Error(`stack process exited (${code})`)));
      child.send(message);
    });
  const started = await call({ type: 'start', tracingEnv });
  if (started.type !== 'started') throw new Error('stack did not start');
  let stopped: Promise<unknown> | undefined;
  const stop = () => {
    stopped ??= call({ type: 'stop' }).catch(() => child.kill());
    return stopped;
  };
  return { url: started.url, stop };
}

async function load(url: string, duration: number) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: CONNECTIONS,
    duration,
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

/**
 * What tracing off still runs per request, timed alone: the header injection on each subgraph
 * fetch and the subgraph-to-subgraph header lookup (the log mixin finds no span either). No
 * span, no context manager, no exporter exists then.
 */
function offPathNanoseconds(): number {
  const n = 1_000_000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    injectTraceContext(() => {});
    traceHeaders();
  }
  return Number(process.hrtime.bigint() - started) / n;
}

export interface TracingBenchOptions {
  /** Seconds per measurement; default 5. */
  durationS?: number;
  /** Alternating rounds; default 3. */
  rounds?: number;
}

export async function benchTracing({ durationS = 5, rounds = 3 }: TracingBenchOptions = {}) {
  const sink = await startSink();
  const off = await startStackProcess({});
  const on = await startStackProcess({
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint,
  });
  try {
    const targets = [
      { name: 'tracing off (default)', url: off.url },
      { name: 'tracing on (every span exported)', url: on.url },
    ];
    for (const target of targets) await load(target.url, 2);
    const results = targets.map(() => [] as Awaited<ReturnType<typeof load>>[]);
    // Alternating rounds, medians: a busy moment of the shared machine hits both alike.
    for (let round = 0; round < rounds; round++) {
      for (const [i, target] of targets.entries())
        results[i]?.push(await load(target.url, durationS));
    }
    const rows = targets.map((target, i) => ({
      stack: target.name,
      'req/s': Math.round(median(results[i]?.map((r) => r.rps) ?? [])),
      'p99 ms': median(results[i]?.map((r) => r.p99) ?? []),
      failed: results[i]?.reduce((sum, r) => sum + r.failed, 0) ?? 0,
    }));
    console.table(rows);
    const [offRow, onRow] = rows;
    // Stopping flushes its last spans: the sink's counts are then complete.
    await on.stop();
    if (offRow && onRow) {
      console.log(
        `on / off: req/s ${(onRow['req/s'] / offRow['req/s']).toFixed(3)}x, ` +
          `p99 ${(onRow['p99 ms'] / offRow['p99 ms']).toFixed(3)}x ` +
          `(${rounds} alternating rounds of ${durationS} s, ${CONNECTIONS} connections, medians; ` +
          `${sink.counts().exports} OTLP exports, ${Math.round(sink.counts().bytes / 1024)} KiB)`,
      );
      // The router calls a subgraph 3 times per request here; count 5 off-path calls to be safe.
      const offNs = offPathNanoseconds() * 5;
      const requestNs = 1e9 / offRow['req/s'];
      console.log(
        `off: ${offNs.toFixed(0)} ns of tracing code per request, ` +
          `${((100 * offNs) / requestNs).toFixed(4)}% of a request's ${(requestNs / 1e6).toFixed(1)} ms`,
      );
    }
  } finally {
    await on.stop();
    await off.stop();
    await sink.stop();
  }
}
