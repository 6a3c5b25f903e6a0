import { describe, expect, it } from 'vitest';
import { createDeadlines } from './deadlines.ts';

describe('subgraph call deadlines', () => {
  it('gives the calls of one slot one signal, and a later call a new one', () => {
    let now = 1_000;
    const deadline = createDeadlines(10_000, () => now);
    const first = deadline();
    const signals = new Set([first]);
    for (let i = 0; i < 50; i++) {
      now += 1;
      signals.add(deadline());
    }
    expect(signals.size).toBe(1);
    now = 1_100;
    const next = deadline();
    expect(next).not.toBe(first);
    expect(deadline()).toBe(next);
  });

  it('makes slots a tenth of a short timeout', () => {
    let now = 0;
    const deadline = createDeadlines(200, () => now);
    const first = deadline();
    now = 19;
    expect(deadline()).toBe(first);
    now = 20;
    expect(deadline()).not.toBe(first);
  });

  it('fires no sooner than the timeout after the slot began', async () => {
    const started = performance.now();
    const signal = createDeadlines(50)();
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    expect((signal.reason as Error).name).toBe('TimeoutError');
  });
});
