import { readFileSync } from 'node:fs';
import { createTokenIssuer } from '@travel/auth';
import { buildDemoData } from '@travel/stack';
import { BENCH_JWT_SECRET } from '../bench-stack.ts';
import type { RequestSpec } from '../gateways/workloads.ts';

/** The gateway requests whose subgraph calls the subgraph bench replays. */
export const SUBGRAPH_QUERIES = ['search', 'signed-in', 'partner'] as const;
export type SubgraphQuery = (typeof SUBGRAPH_QUERIES)[number];

/** One request a gateway sent a subgraph, as captured (the body's bytes, a signed-in flag). */
export interface CapturedRequest {
  subgraph: string;
  /** The request body exactly as the gateway sent it. */
  body: string;
  /** It carried the traveler's `Authorization`: replayed with a freshly minted token. */
  signedIn: boolean;
}

/** `requests.json`: what one gateway request of each query sends each subgraph, in order. */
export type CapturedRequests = Record<SubgraphQuery, CapturedRequest[]>;

export const REQUESTS_FILE = new URL('./requests.json', import.meta.url);

export function readCapturedRequests(): CapturedRequests {
  return JSON.parse(readFileSync(REQUESTS_FILE, 'utf8')) as CapturedRequests;
}

/** The traveler the gateway bench's identical signed-in query runs as (the first one). */
export function benchTraveler(): { id: string } {
  const traveler = buildDemoData().users.find((user) => user.role === 'TRAVELER');
  if (!traveler) throw new Error('the demo data has no traveler');
  return traveler;
}

/** A token for the bench traveler that outlives the longest run. */
export function mintTravelerToken(): Promise<string> {
  const tokens = createTokenIssuer({ secret: BENCH_JWT_SECRET, ttlSeconds: 6 * 3600 });
  return tokens.issue({ userId: benchTraveler().id, role: 'TRAVELER' });
}

/** The replayable requests of one subgraph for one query, signed in with `token`. */
export function requestSpecsFor(
  captured: CapturedRequests,
  query: SubgraphQuery,
  subgraph: string,
  token: string,
): RequestSpec[] {
  return captured[query]
    .filter((request) => request.subgraph === subgraph)
    .map((request) => ({
      headers: {
        'content-type': 'application/json',
        ...(request.signedIn ? { authorization: `Bearer ${token}` } : {}),
      },
      body: request.body,
    }));
}
