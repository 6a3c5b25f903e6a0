import { Counter, type Registry } from 'prom-client';

/** `graphql_unlisted_operations_total{action}`: `logged` (served, log_unknown) or `refused`. */
export function createUnlistedOperationsCounter(registry: Registry): Counter<'action'> {
  return new Counter({
    name: 'graphql_unlisted_operations_total',
    help: 'Operations not in any persisted query list: logged and served, or refused',
    labelNames: ['action'] as const,
    registers: [registry],
  });
}
