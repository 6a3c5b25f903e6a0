import { describe, expect, it } from 'vitest';
import { createInflightFetches, inflightKey } from './inflight-fetches.ts';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('inflightKey', () => {
  const body = '{"query":"{ me { id } }"}';

  it('is the same for the same subgraph, body and Authorization', () => {
    expect(inflightKey('accounts', body, 'Bearer a')).toBe(
      inflightKey('accounts', body, 'Bearer a'),
    );
  });

  it('differs by subgraph, body and Authorization (absent included)', () => {
    const keys = [
      inflightKey('accounts', body, 'Bearer a'),
      inflightKey('accounts', body, 'Bearer b'),
      inflightKey('accounts', body, undefined),
      inflightKey('hotels', body, 'Bearer a'),
      inflightKey('accounts', `${body} `, 'Bearer a'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('can not be forged by moving text between the parts', () => {
    expect(inflightKey('a', 'bc', 'x')).not.toBe(inflightKey('a', 'c', 'xb'));
    expect(inflightKey('ab', 'c', undefined)).not.toBe(inflightKey('a', 'c', 'b'));
  });
});

describe('createInflightFetches', () => {
  it('sends one fetch for callers that overlap, and each learns whether it joined', async () => {
    const inflight = createInflightFetches<string>();
    const answer = deferred<string>();
    let sent = 0;
    const fetch = () => {
      sent += 1;
      return answer.promise;
    };
    const first = inflight.run('k', fetch);
    const second = inflight.run('k', fetch);
    const third = inflight.run('k', fetch);
    expect(sent).toBe(1);
    answer.resolve('reply');
    const results = [first, second, third];
    expect(results.map((r) => r.joined)).toEqual([false, true, true]);
    expect(new Set(results.map((r) => r.startedAt)).size).toBe(1);
    expect(await Promise.all(results.map((r) => r.value))).toEqual(['reply', 'reply', 'reply']);
    expect(inflight.size).toBe(0);
  });

  it('sends again once the fetch settled (nothing is cached)', async () => {
    const inflight = createInflightFetches<number>();
    let sent = 0;
    const fetch = async () => ++sent;
    expect(await inflight.run('k', fetch).value).toBe(1);
    expect(await inflight.run('k', fetch).value).toBe(2);
  });

  it('keeps different keys apart', async () => {
    const inflight = createInflightFetches<string>();
    const a = inflight.run('a', async () => 'A');
    const b = inflight.run('b', async () => 'B');
    expect([a.joined, b.joined]).toEqual([false, false]);
    expect([await a.value, await b.value]).toEqual(['A', 'B']);
  });

  it('rejects every caller with the failure, and the next call sends again', async () => {
    const inflight = createInflightFetches<string>();
    const answer = deferred<string>();
    const first = inflight.run('k', () => answer.promise);
    const second = inflight.run('k', () => Promise.resolve('never sent'));
    answer.reject(new Error('timed out'));
    expect(second.joined).toBe(true);
    await expect(first.value).rejects.toThrow('timed out');
    await expect(second.value).rejects.toThrow('timed out');
    expect(await inflight.run('k', async () => 'fresh').value).toBe('fresh');
  });

  it('after forget, a caller sends its own fetch; the earlier one still answers its callers', async () => {
    const inflight = createInflightFetches<string>();
    const old = deferred<string>();
    const first = inflight.run('k', () => old.promise);
    const joined = inflight.run('k', () => Promise.resolve('unused'));
    inflight.forget();
    const fresh = deferred<string>();
    const after = inflight.run('k', () => fresh.promise);
    const alsoAfter = inflight.run('k', () => Promise.resolve('unused'));
    old.resolve('before the write');
    expect([first.joined, joined.joined, after.joined, alsoAfter.joined]).toEqual([
      false,
      true,
      false,
      true,
    ]);
    expect(await first.value).toBe('before the write');
    expect(await joined.value).toBe('before the write');
    // The old fetch settling does not remove the fresh one.
    expect(inflight.size).toBe(1);
    fresh.resolve('after the write');
    expect(await after.value).toBe('after the write');
    expect(await alsoAfter.value).toBe('after the write');
  });
});
