import { Counter, type Registry } from 'prom-client';

const NAME = 'graphql_unlisted_operations_total';

/**
 * `graphql_unlisted_operations_total{action}`: `logged` (served, log_unknown) or `refused`.
 * One counter per registry, whoever asks first creates it: the HTTP path (persisted-queries/)
 * and the subscription transports (subscriptions/) count into the same series.
 */
export function unlistedOperationsCounter(registry: Registry): Counter<'action'> {
  const existing = registry.getSingleMetric(NAME);
  if (existing) return existing as Counter<'action'>;
  return new Counter({
    name: NAME,
    help: 'Operations not in any persisted query list: logged and served, or refused',
    labelNames: ['action'] as const,
    registers: [registry],
  });
}
