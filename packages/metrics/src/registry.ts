import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A registry per service instance, not prom-client's global one, so several services (the
 * e2e stack, `pnpm start`) share a process without mixing their series. Every series carries
 * `service`, and the process metrics (CPU, memory, event loop lag) come with it.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** What `GET /metrics` answers: content type and the Prometheus text of `registry`. */
export async function metricsResponse(
  registry: Registry,
): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
