import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createBatchedFetchesCounter } from './batched-fetches-metrics.ts';

describe('createBatchedFetchesCounter', () => {
  it('counts the calls saved by subgraph in the registry given', async () => {
    const registry = new Registry();
    const counter = createBatchedFetchesCounter(registry);
    counter.inc({ subgraph: 'hotels' }, 2);
    expect(await registry.metrics()).toContain(
      'subgraph_fetches_batched_total{subgraph="hotels"} 2',
    );
  });
});
