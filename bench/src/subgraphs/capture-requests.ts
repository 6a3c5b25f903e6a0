// `pnpm tsx bench/src/subgraphs/capture-requests.ts`: writes requests.json, the subgraph calls
// this router makes for one README search, one signed-in query and one partner operation (the
// gateway bench's identical requests) over freshly seeded demo data, through a recording proxy in front of
// each subgraph; prints the SQL statements each subgraph sent for them. Rerun it when the
// supergraph, the demo data or the router's query planning changes.

import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { listen } from '@travel/service-kit';
import { buildDemoData, SUBGRAPH_NAMES, type SubgraphName } from '@travel/stack';
import { startBenchStack } from '../bench-stack.ts';
import { REPO_ROOT } from '../gateways/service-process.ts';
import { addDays, createSequenceFactory, type Fixtures } from '../gateways/workloads.ts';
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
  // Only what the three sequences read. The partner operation goes in full, signed in as the
  // traveler: the subgraphs answer it the same for any viewer, and the replay signs every
  // signed-in call with the traveler's token anyway.
  const data = buildDemoData();
  const fixtures = {
    travelerTokens: [token],
    partnerToken: token,
    partnerOperation: partnerHotelDetails(),
    hotelIds: data.hotels.map((hotel) => hotel.id),
    // The dates are replayed as captured: availableRooms takes past stays too.
    firstDay: addDays(new Date().toISOString().slice(0, 10), 1),
  } as Fixtures;
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

/** PartnerHotelDetails from the partner manifest (the persisted operation the bench sends). */
function partnerHotelDetails(): { id: string; body: string } {
  const manifest = JSON.parse(
    readFileSync(join(REPO_ROOT, 'schema/persisted-queries/partner.json'), 'utf8'),
  ) as { operations: { id: string; name: string; body: string }[] };
  const operation = manifest.operations.find((o) => o.name === 'PartnerHotelDetails');
  if (!operation) throw new Error('PartnerHotelDetails is not in partner.json');
  return { id: operation.id, body: operation.body };
}
