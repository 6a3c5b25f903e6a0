// Runs the real wrk (Debian's package; .ci/run installs it) with the bench's script against a
// small server that answers by body: it proves every listed request is sent with its headers
// and that failed answers are counted as the autocannon driver counts them.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWrk } from './wrk-load.ts';

const seen = new Map<string, number>();
const keys = new Set<string>();
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    seen.set(body, (seen.get(body) ?? 0) + 1);
    keys.add(String(req.headers['x-api-key']));
    if (body.includes('boom')) res.writeHead(500).end('{"errors":[{"message":"boom"}]}');
    else if (body.includes('bad')) res.end('{"errors":[{"message":"bad input"}]}');
    else res.end('{"data":{"ok":true}}');
  });
});

beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('runWrk', () => {
  it('sends the list in turn with its headers and counts non-2xx and `errors` answers', async () => {
    const { port } = server.address() as AddressInfo;
    const result = await runWrk({
      origin: `http://127.0.0.1:${port}`,
      durationS: 1,
      connections: 3,
      requests: [
        { headers: { 'x-api-key': 'one' }, body: '{"query":"ok 1"}' },
        { headers: { 'x-api-key': 'two' }, body: '{"query":"bad"}' },
        { headers: { 'x-api-key': 'three' }, body: '{"query":"boom"}' },
      ],
    });
    expect([...seen.keys()].sort()).toEqual([
      '{"query":"bad"}',
      '{"query":"boom"}',
      '{"query":"ok 1"}',
    ]);
    expect([...keys].sort()).toEqual(['one', 'three', 'two']);
    const sent = [...seen.values()].reduce((sum, n) => sum + n, 0);
    expect(result.completed).toBeGreaterThan(30);
    // Answers still in flight when wrk stopped were seen by the server but not counted.
    expect(sent - result.completed).toBeGreaterThanOrEqual(0);
    expect(sent - result.completed).toBeLessThanOrEqual(3);
    // Two requests in three fail, in turn: the count is two thirds, give or take a turn.
    expect(Math.abs(result.errors - (result.completed * 2) / 3)).toBeLessThanOrEqual(2);
    expect(result.firstError).toMatch(/^(200 .*bad input|500 .*boom)/);
    expect(result.rps).toBeGreaterThan(0);
    expect(result.p99).toBeGreaterThanOrEqual(result.p50);
    expect(result.leftovers).toEqual([]);
  });

  it('stops once `maxRequests` answers came, long before its duration', async () => {
    const { port } = server.address() as AddressInfo;
    seen.clear();
    const started = Date.now();
    const result = await runWrk({
      origin: `http://127.0.0.1:${port}`,
      durationS: 30,
      connections: 4,
      maxRequests: 200,
      requests: [{ headers: {}, body: '{"query":"ok 2"}' }],
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    // Answers read in the same turn of wrk's event loop as the 200th still count: one per
    // connection at most.
    expect(result.completed).toBeGreaterThanOrEqual(200);
    expect(result.completed).toBeLessThanOrEqual(204);
    expect(seen.get('{"query":"ok 2"}')).toBeGreaterThanOrEqual(result.completed);
    expect(seen.get('{"query":"ok 2"}')).toBeLessThanOrEqual(208);
  });
});
