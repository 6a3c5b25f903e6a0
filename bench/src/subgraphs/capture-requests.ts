// `pnpm tsx bench/src/subgraphs/capture-requests.ts`: writes requests.json, the subgraph calls
// this router makes for one README search and one signed-in query (the gateway bench's
// identical requests) over freshly seeded demo data, through a recording proxy in front of
// each subgraph; prints the SQL statements each subgraph sent for them. Rerun it when the
// supergraph, the demo data or the router's query planning changes.

import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { listen } from '@travel/service-kit';
import { SUBGRAPH_NAMES, type SubgraphName } from '@travel/stack';
import { startBenchStack } from '../bench-stack.ts';
import { createSequenceFactory, type Fixtures } from '../gateways/workloads.ts';
import {
  type CapturedRequest,
  type CapturedRequests,
  mintTravelerToken,
  REQUESTS_FILE,
  SUBGRAPH_QUERIES,
} from './subgraph-requests.ts';

let recording: CapturedRequest[] = [];
const sql: Record<string, number> = {};
const stack = await startBenchStack({
  onQuery: (subgraph) => {
    sql[subgraph] = (sql[subgraph] ?? 0) + 1;
  },
});
const proxies: Server[] = [];
try {
  const proxyUrls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) {
    const proxy = recordingProxy(name, stack.subgraphUrls[name]);
    proxies.push(proxy);
    proxyUrls[name] = (await listen(proxy, 0)).url;
  }
  const router = await stack.startRouter({
    RESPONSE_CACHE: 'false',
    ...Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_URL_${name.toUpperCase()}`, proxyUrls[name]]),
    ),
  });
  const token = await mintTravelerToken();
  // Only what the search and signed-in sequences read.
  const fixtures = { travelerTokens: [token] } as Fixtures;
  const captured = {} as CapturedRequests;
  for (const query of SUBGRAPH_QUERIES) {
    const request = createSequenceFactory(query, 'identical', fixtures, {
      router: false,
      seed: 1,
    })(0).next(undefined);
    recording = [];
    for (const name of SUBGRAPH_NAMES) sql[name] = 0;
    const res = await fetch(router.url, { method: 'POST', ...request });
    const answer = await res.text();
    if (!res.ok || answer.includes('"errors"')) throw new Error(`${query}: ${answer}`);
    captured[query] = recording;
    console.log(`${query}: ${recording.length} subgraph calls; SQL statements`, { ...sql });
  }
  await router.stop();
  writeFileSync(REQUESTS_FILE, `${JSON.stringify(captured, null, 2)}\n`);
  console.log(`wrote ${REQUESTS_FILE.pathname}`);
} finally {
  for (const proxy of proxies) proxy.close();
  await stack.stop();
}
process.exit(0);

/** Forwards every request to `target`, recording its body and whether it was signed in. */
function recordingProxy(subgraph: string, target: string): Server {
  return createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    recording.push({ subgraph, body, signedIn: Boolean(req.headers.authorization) });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    const answer = await fetch(target, { method: 'POST', headers, body });
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(await answer.text());
  });
}
