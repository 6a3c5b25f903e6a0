import { Counter, type Registry } from 'prom-client';

/**
 * `subgraph_fetches_batched_total{subgraph}`: subgraph calls the router's plan executor did
 * not make, their entity fetches sent in another call of the same `Parallel` step (see
 * executor/execute-batched-fetches.ts). Feed it from the gateway's `onFetchesBatched`.
 */
export function createBatchedFetchesCounter(registry: Registry): Counter<'subgraph'> {
  return new Counter({
    name: 'subgraph_fetches_batched_total',
    help: 'Subgraph calls not made: their entity fetches went in another call of the same step',
    labelNames: ['subgraph'] as const,
    registers: [registry],
  });
}
