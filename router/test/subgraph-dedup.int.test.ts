import { createTokenIssuer } from '@travel/auth';
import { TEST_JWT_SECRET } from '@travel/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { post, type StartedRouter, startRouter } from './support/start-router.ts';
import {
  HANG_TIMED_OUT,
  releaseHangs,
  startTestSubgraphs,
  type TestSubgraphs,
} from './support/test-subgraphs.ts';

const N = 5;

let subgraphs: TestSubgraphs;
/** Deduplication on (the default), off, and on with a short subgraph timeout. */
let dedupOn: StartedRouter;
let dedupOff: StartedRouter;
let timingOut: StartedRouter;

beforeAll(async () => {
  subgraphs = await startTestSubgraphs();
  const { supergraphSdl } = subgraphs;
  [dedupOn, dedupOff, timingOut] = await Promise.all([
    startRouter({ supergraphSdl }),
    startRouter({ supergraphSdl, env: { SUBGRAPH_DEDUP: 'false' } }),
    startRouter({ supergraphSdl, env: { SUBGRAPH_TIMEOUT_MS: '500' } }),
  ]);
});

afterAll(async () => {
  releaseHangs();
  await Promise.all([dedupOn?.stop(), dedupOff?.stop(), timingOut?.stop()]);
  await subgraphs?.stop();
});

beforeEach(() => {
  subgraphs.calls.length = 0;
});

/** A counter of the router's, for one subgraph; 0 before its first increment. */
async function counter(router: StartedRouter, name: string, subgraph = 'accounts') {
  const text = await (await fetch(`${router.origin}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && l.includes(`subgraph="${subgraph}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

const callsTo = (field: string) => subgraphs.calls.filter((c) => c.query.includes(field));

async function bearer(userId: string) {
  const token = await createTokenIssuer({ secret: TEST_JWT_SECRET }).issue({
    userId,
    role: 'TRAVELER',
  });
  return `Bearer ${token}`;
}

describe('identical subgraph fetches in flight together', () => {
  it('are sent once with deduplication on; every client gets the answer', async () => {
    const before = await counter(dedupOn, 'subgraph_fetch_deduplicated_total');
    const answers = Array.from({ length: N }, () => post(dedupOn.url, { query: '{ hang }' }));
    // The subgraph holds the first call until released: the others can only join it.
    await vi.waitFor(
      async () =>
        expect(await counter(dedupOn, 'subgraph_fetch_deduplicated_total')).toBe(before + N - 1),
      { timeout: 5000 },
    );
    expect(callsTo('hang')).toHaveLength(1);
    releaseHangs();
    for (const res of await Promise.all(answers)) {
      expect(res.body).toEqual({ data: { hang: 'released' } });
    }
    expect(callsTo('hang')).toHaveLength(1);
    expect(await counter(dedupOn, 'subgraph_fetch_duration_seconds_count')).toBeGreaterThan(0);
  });

  it('are each sent with SUBGRAPH_DEDUP=false', async () => {
    const answers = Array.from({ length: N }, () => post(dedupOff.url, { query: '{ hang }' }));
    await vi.waitFor(() => expect(callsTo('hang')).toHaveLength(N), { timeout: 5000 });
    releaseHangs();
    for (const res of await Promise.all(answers)) {
      expect(res.body).toEqual({ data: { hang: 'released' } });
    }
    expect(await counter(dedupOff, 'subgraph_fetch_deduplicated_total')).toBe(0);
  });

  it('are shared only by callers with the same Authorization', async () => {
    const [ada, grace] = await Promise.all([bearer('ada'), bearer('grace')]);
    const query = { query: '{ hang echoHeaders { authorization } }' };
    const send = (authorization: string) => post(dedupOn.url, query, { authorization });
    const answers = [ada, grace, ada, grace, ada, grace].map(send);
    await vi.waitFor(() => expect(callsTo('hang')).toHaveLength(2), { timeout: 5000 });
    expect(new Set(callsTo('hang').map((c) => c.authorization))).toEqual(new Set([ada, grace]));
    releaseHangs();
    const bodies = (await Promise.all(answers)).map((res) => res.body);
    [ada, grace, ada, grace, ada, grace].forEach((authorization, i) => {
      expect(bodies[i]).toEqual({
        data: { hang: 'released', echoHeaders: { authorization } },
      });
    });
    expect(callsTo('hang')).toHaveLength(2);
  });

  it('are never shared when they are writes', async () => {
    const before = await counter(dedupOn, 'subgraph_fetch_deduplicated_total');
    const answers = Array.from({ length: 3 }, () =>
      post(dedupOn.url, { query: 'mutation { hangingWrite }' }),
    );
    await vi.waitFor(() => expect(callsTo('hangingWrite')).toHaveLength(3), { timeout: 5000 });
    releaseHangs();
    for (const res of await Promise.all(answers)) {
      expect(res.body).toEqual({ data: { hangingWrite: 'written' } });
    }
    expect(await counter(dedupOn, 'subgraph_fetch_deduplicated_total')).toBe(before);
  });

  it('time out together: every client gets SERVICE_UNAVAILABLE, each failed call counted once', async () => {
    const answers = await Promise.all(
      Array.from({ length: N }, () => post(timingOut.url, { query: '{ hang }' })),
    );
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual(HANG_TIMED_OUT);
    }
    // Each failed call is counted once, however many clients waited for it.
    const failed = await counter(timingOut, 'subgraph_fetch_errors_total');
    const shared = await counter(timingOut, 'subgraph_fetch_deduplicated_total');
    expect(failed).toBe(callsTo('hang').length);
    expect(failed + shared).toBe(N);
    releaseHangs();
  });
});
