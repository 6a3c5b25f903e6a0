import { Counter, type Registry } from 'prom-client';

/** Operations refused with RATE_LIMITED, by policy (anonymous, user, partner). */
export function createRateLimitRefusals(registry: Registry): Counter<'policy'> {
  return new Counter({
    name: 'rate_limit_refused_total',
    help: 'Operations refused with RATE_LIMITED, by policy (anonymous, user, partner)',
    labelNames: ['policy'] as const,
    registers: [registry],
  });
}
