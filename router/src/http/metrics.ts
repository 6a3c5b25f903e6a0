import type { RequestHandler } from 'express';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface RouterMetrics {
  registry: Registry;
  /** Time to answer one GraphQL operation, by outcome (`ok` or `error`). */
  requestDuration: Histogram<'outcome'>;
  /** Subgraph calls that failed (network error, timeout, non-2xx answer), by subgraph. */
  subgraphFetchErrors: Counter<'subgraph'>;
  /**
   * Redis calls given up (REDIS_TIMEOUT_MS) or failed, served by a fallback instead: by store
   * (`apq`, `api_keys`, …), operation and reason (`timeout` or `error`).
   */
  redisFallbacks: Counter<'store' | 'op' | 'reason'>;
}

/** A registry per router, not prom-client's global one, so several routers share a process. */
export function createRouterMetrics(): RouterMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'router' });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requestDuration: new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Time to answer one GraphQL operation',
      // No operation-name label: names come from clients, and labels must stay few.
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    subgraphFetchErrors: new Counter({
      name: 'subgraph_fetch_errors_total',
      help: 'Subgraph calls that failed: network error, timeout or non-2xx answer',
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

/** `GET /metrics` in Prometheus text format. */
export function metricsHandler(registry: Registry): RequestHandler {
  return async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  };
}
