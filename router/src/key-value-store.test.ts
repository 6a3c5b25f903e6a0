import { describe, expect, it } from 'vitest';
import { createMemoryStore, createRedisStore } from './key-value-store.ts';

describe('createMemoryStore', () => {
  it('forgets an entry when its ttl (seconds) has passed', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    await store.set('a', '1', { ttl: 30 });
    await store.set('b', '2');
    now = 29_999;
    expect(await store.get('a')).toBe('1');
    now = 30_000;
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBe('2');
  });

  it('evicts the least recently used entries past maxSize (characters)', async () => {
    const store = createMemoryStore({ maxSize: 4 });
    await store.set('a', '1');
    await store.set('b', '2');
    await store.get('a');
    await store.set('c', '3');
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual([
      '1',
      undefined,
      '3',
    ]);
    await store.set('d', 'too long to keep');
    expect(await store.get('d')).toBeUndefined();
    expect(await store.get('c')).toBe('3');
  });
});

describe('createRedisStore', () => {
  const silent = { debug: () => undefined } as never;

  it('prefixes keys and passes the ttl as EX', async () => {
    const calls: unknown[][] = [];
    const redis = {
      get: async (...args: unknown[]) => {
        calls.push(['get', ...args]);
        return 'v';
      },
      set: async (...args: unknown[]) => {
        calls.push(['set', ...args]);
        return 'OK';
      },
    } as never;
    const store = createRedisStore(redis, { prefix: 'p:', timeoutMs: 50, log: silent });
    await store.set('k', 'v', { ttl: 60 });
    expect(await store.get('k')).toBe('v');
    expect(calls).toEqual([
      ['set', 'p:k', 'v', 'EX', 60],
      ['get', 'p:k'],
    ]);
  });

  it('reads a Redis error as a miss and never throws', async () => {
    const down = async () => {
      throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
    };
    const fallbacks: string[] = [];
    const store = createRedisStore({ get: down, set: down, del: down } as never, {
      prefix: 'p:',
      timeoutMs: 50,
      log: silent,
      onFallback: (op, reason) => fallbacks.push(`${op}:${reason}`),
    });
    await expect(store.get('k')).resolves.toBeUndefined();
    await expect(store.set('k', 'v', { ttl: 1 })).resolves.toBeUndefined();
    await expect(store.delete('k')).resolves.toBeUndefined();
    expect(fallbacks).toEqual(['get:error', 'set:error', 'delete:error']);
  });

  it('gives up on a Redis that does not answer within timeoutMs: a miss, counted', async () => {
    const hang = () => new Promise<never>(() => {});
    const fallbacks: string[] = [];
    const store = createRedisStore({ get: hang, set: hang, del: hang } as never, {
      prefix: 'p:',
      timeoutMs: 20,
      log: silent,
      onFallback: (op, reason) => fallbacks.push(`${op}:${reason}`),
    });
    await expect(store.get('k')).resolves.toBeUndefined();
    await expect(store.set('k', 'v')).resolves.toBeUndefined();
    await expect(store.delete('k')).resolves.toBeUndefined();
    expect(fallbacks).toEqual(['get:timeout', 'set:timeout', 'delete:timeout']);
  });
});
