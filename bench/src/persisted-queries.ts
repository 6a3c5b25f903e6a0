// A persisted-id request against the same operation sent in full, side by side, through the
// real router over an in-process stack. `pnpm bench`.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startBenchStack } from './bench-stack.ts';

const DURATION_S = 5;
const CONNECTIONS = 10;

const manifest = JSON.parse(
  readFileSync(new URL('../../schema/persisted-queries/partner.json', import.meta.url), 'utf8'),
) as { operations: { id: string; name: string; body: string }[] };

interface Measurement {
  name: string;
  bodyBytes: number;
  p50: number;
  p99: number;
  rps: number;
  failed: number;
}

const load = (url: string, body: string, duration: number) =>
  autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: CONNECTIONS,
    duration,
  });

async function measure(url: string, name: string, body: string): Promise<Measurement> {
  const check = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const answer = (await check.json()) as { errors?: unknown[] };
  if (check.status !== 200 || answer.errors) throw new Error(`${name}: ${JSON.stringify(answer)}`);
  const result = await load(url, body, DURATION_S);
  return {
    name,
    bodyBytes: Buffer.byteLength(body),
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** p50/p99 latency and throughput of a listed id and of the same query in full. */
export async function benchPersistedQueries(): Promise<void> {
  const stack = await startBenchStack({
    // Measure the request path, not the whole-response cache (issue 5) answering both alike.
    routerEnv: { RESPONSE_CACHE: 'false' },
  });
  try {
    const operation = manifest.operations.find((o) => o.name === 'PartnerSearchHotels');
    if (!operation) throw new Error('PartnerSearchHotels is not in partner.json');
    const variables = { input: { city: 'Lisbon' }, first: 10 };
    const byId = JSON.stringify({
      extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } },
      variables,
    });
    const full = JSON.stringify({ query: operation.body, variables });
    // Warm both paths first (JIT, connection pools, Apollo's parsed-document cache).
    for (const body of [byId, full]) await load(stack.url, body, 1);
    const rows = [
      await measure(stack.url, 'persisted id', byId),
      await measure(stack.url, 'full query', full),
    ];
    console.table(
      rows.map((r) => ({
        request: r.name,
        'body bytes': r.bodyBytes,
        'p50 ms': r.p50,
        'p99 ms': r.p99,
        'req/s': Math.round(r.rps),
        failed: r.failed,
      })),
    );
    const [id, text] = rows as [Measurement, Measurement];
    const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`);
    console.log(
      `full / persisted: body ${ratio(text.bodyBytes, id.bodyBytes)}, p50 ${ratio(text.p50, id.p50)}, ` +
        `p99 ${ratio(text.p99, id.p99)}, req/s ${ratio(text.rps, id.rps)} ` +
        `(${CONNECTIONS} connections, ${DURATION_S} s each)`,
    );
  } finally {
    await stack.stop();
  }
}
