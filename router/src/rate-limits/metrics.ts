import { Counter, type Registry } from 'prom-client';

export interface RateLimitMetrics {
  /** Operations refused, by policy. */
  refused: Counter<'policy'>;
  /** Checks that could not be made (Redis away or slower than the deadline): let through. */
  failedOpen: Counter<'reason'>;
}

export function createRateLimitMetrics(registry: Registry): RateLimitMetrics {
  return {
    refused: new Counter({
      name: 'rate_limit_refused_total',
      help: 'Operations refused with RATE_LIMITED, by policy (anonymous, user, partner)',
      labelNames: ['policy'] as const,
      registers: [registry],
    }),
    failedOpen: new Counter({
      name: 'rate_limit_fail_open_total',
      help: 'Rate-limit checks that failed (error) or took too long (timeout); the operation was let through',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
  };
}
