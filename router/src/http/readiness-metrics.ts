import { Gauge, type Registry } from 'prom-client';
import type { ReadinessReport } from './readiness.ts';

/**
 * `subgraph_ready{subgraph}`: 1 when the subgraph's `/readyz` answered 200 at the router's
 * latest readiness check, else 0; read from the readiness report when scraped (reused for its
 * cache time, so scrapes cost the subgraphs no more than probes do). A router that is draining
 * or has no supergraph reports no subgraph. The router's own view: a subgraph the router can
 * not reach is down for it even when Prometheus reaches it.
 */
export function registerReadinessMetrics(
  registry: Registry,
  readiness: () => Promise<ReadinessReport>,
): void {
  new Gauge({
    name: 'subgraph_ready',
    help: "1 when the subgraph answered the router's latest readiness check, else 0",
    labelNames: ['subgraph'] as const,
    registers: [registry],
    async collect() {
      const report = await readiness();
      this.reset();
      for (const [subgraph, state] of Object.entries(report.subgraphs)) {
        this.set({ subgraph }, state === 'ready' ? 1 : 0);
      }
    },
  });
}
