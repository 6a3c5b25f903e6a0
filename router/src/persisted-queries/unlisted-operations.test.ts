import type { Logger } from '@travel/logger';
import { Counter, Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { createUnlistedOperations } from './unlisted-operations.ts';

function setUp() {
  const registry = new Registry();
  const counter = new Counter({
    name: 'unlisted_total',
    help: 'test',
    labelNames: ['action'] as const,
    registers: [registry],
  });
  let now = 0;
  const warn = vi.fn();
  const log = { warn } as unknown as Logger;
  const unlisted = createUnlistedOperations({
    counter,
    log,
    quietMs: 1000,
    maxOperations: 2,
    now: () => now,
  });
  const count = async (action: string) =>
    (await counter.get()).values.find((v) => v.labels.action === action)?.value ?? 0;
  return { unlisted, warn, count, advance: (ms: number) => (now += ms) };
}

describe('createUnlistedOperations', () => {
  it('counts every run and logs each operation once per quiet period, saying how often it ran', async () => {
    const { unlisted, warn, count, advance } = setUp();
    for (let i = 0; i < 5; i++) unlisted.ran({ queryHash: 'a', operationName: 'A' });
    expect(await count('logged')).toBe(5);
    expect(warn).toHaveBeenCalledOnce();
    unlisted.ran({ queryHash: 'b', operationName: 'B' });
    expect(warn).toHaveBeenCalledTimes(2);
    advance(1000);
    unlisted.ran({ queryHash: 'a', operationName: 'A', requestId: 'r1' });
    expect(warn).toHaveBeenLastCalledWith(
      { operationName: 'A', queryHash: 'a', requestId: 'r1', ranUnloggedSince: 4 },
      'unlisted operation',
    );
  });

  it('forgets the oldest operation past maxOperations, so memory stays bounded', () => {
    const { unlisted, warn } = setUp();
    for (const hash of ['a', 'b', 'c']) unlisted.ran({ queryHash: hash });
    expect(warn).toHaveBeenCalledTimes(3);
    // 'a' was forgotten: logged again at once; 'c' is still quiet.
    unlisted.ran({ queryHash: 'a' });
    unlisted.ran({ queryHash: 'c' });
    expect(warn).toHaveBeenCalledTimes(4);
  });

  it('counts refusals apart', async () => {
    const { unlisted, count } = setUp();
    unlisted.refused();
    expect(await count('refused')).toBe(1);
    expect(await count('logged')).toBe(0);
  });
});
