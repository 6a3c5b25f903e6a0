import { createMetricsRegistry } from '@travel/metrics';
import { Counter, Histogram, type Registry } from 'prom-client';

export interface RouterMetrics {
  registry: Registry;
  /** Subgraph calls that failed (network error, timeout, non-2xx answer), by subgraph. */
  subgraphFetchErrors: Counter<'subgraph'>;
  /** Time of every subgraph call the router makes for a client, failed ones included. */
  subgraphFetchDuration: Histogram<'subgraph'>;
  /**
   * Query fetches answered by an identical fetch already in flight (SUBGRAPH_DEDUP), so not
   * sent: they are in neither of the two above.
   */
  subgraphFetchDeduplicated: Counter<'subgraph'>;
  /**
   * Entity representations not sent because an identical one went in the same fetch (the
   * router's plan executor sends each once): by subgraph.
   */
  subgraphRepresentationsDeduplicated: Counter<'subgraph'>;
  /**
   * Subgraph calls not made because their entity fetches went in another call of the same
   * `Parallel` step (the router's plan executor batches them): by subgraph.
   */
  subgraphFetchesBatched: Counter<'subgraph'>;
  /**
   * Redis calls given up (REDIS_TIMEOUT_MS) or failed, served by a fallback instead: by store
   * (`apq`, `api_keys`, …), operation and reason (`timeout` or `error`).
   */
  redisFallbacks: Counter<'store' | 'op' | 'reason'>;
}

/**
 * The router's registry (one per router, so several share a process) and the metrics several
 * of its parts feed. Features with metrics of their own register them in `registry`
 * (response-cache/metrics.ts, rate-limits/metrics.ts, subscriptions/metrics.ts …); GraphQL
 * request metrics come from `@travel/metrics`, as in every subgraph.
 */
export function createRouterMetrics(): RouterMetrics {
  const registry = createMetricsRegistry('router');
  return {
    registry,
    subgraphFetchErrors: new Counter({
      name: 'subgraph_fetch_errors_total',
      help: 'Subgraph calls that failed: network error, timeout or non-2xx answer',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
    subgraphFetchDuration: new Histogram({
      name: 'subgraph_fetch_duration_seconds',
      help: 'Time of one subgraph call made for a client operation, failed calls included',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
    subgraphFetchDeduplicated: new Counter({
      name: 'subgraph_fetch_deduplicated_total',
      help: 'Subgraph query fetches not sent: answered by an identical fetch already in flight',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
    subgraphRepresentationsDeduplicated: new Counter({
      name: 'subgraph_representations_deduplicated_total',
      help: 'Entity representations not sent: identical to another of the same subgraph fetch',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
    subgraphFetchesBatched: new Counter({
      name: 'subgraph_fetches_batched_total',
      help: 'Subgraph calls not made: their entity fetches went in another call of the same step',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
    redisFallbacks: new Counter({
      name: 'redis_fallbacks_total',
      help: 'Redis calls that timed out or failed and were served by a fallback, by store and op',
      labelNames: ['store', 'op', 'reason'] as const,
      registers: [registry],
    }),
  };
}
