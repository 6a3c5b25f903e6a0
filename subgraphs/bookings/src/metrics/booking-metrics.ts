import { ERROR_CODES } from '@travel/errors';
import { createMetricsRegistry } from '@travel/metrics';
import { GraphQLError } from 'graphql';
import { Counter, type Registry } from 'prom-client';

export type BookingOperation = 'create' | 'confirm' | 'cancel';
/** Why a booking became CANCELLED: someone asked, or its hold ran out (the sweeper). */
export type CancellationCause = 'requested' | 'hold_expired';

/** The business, as an operator watches it: bookings by outcome. */
export interface BookingMetrics {
  /** Where the counters live: the bookings subgraph's `/metrics`. */
  registry: Registry;
  /** A new PENDING booking (not an idempotent retry answered with the first one). */
  created(): void;
  confirmed(): void;
  cancelled(cause: CancellationCause, count?: number): void;
  /** A create, confirm or cancel that answered an error; `reason` is its public code. */
  failed(operation: BookingOperation, error: unknown): void;
}

const publicCodes = new Set<string>(ERROR_CODES);

/**
 * `bookings_created_total`, `bookings_confirmed_total`, `bookings_cancelled_total{cause}` and
 * `booking_failures_total{operation,reason}`, reason being the code the client got
 * (NO_AVAILABILITY, INVALID_STATE, SERVICE_UNAVAILABLE when hotels is down …), anything
 * unexpected INTERNAL_SERVER_ERROR. Default registry: a fresh one of the bookings service.
 */
export function createBookingMetrics(
  registry: Registry = createMetricsRegistry('bookings'),
): BookingMetrics {
  const created = new Counter({
    name: 'bookings_created_total',
    help: 'Bookings created (PENDING), idempotent retries not counted',
    registers: [registry],
  });
  const confirmed = new Counter({
    name: 'bookings_confirmed_total',
    help: 'Bookings confirmed (PENDING -> CONFIRMED)',
    registers: [registry],
  });
  const cancelled = new Counter({
    name: 'bookings_cancelled_total',
    help: 'Bookings cancelled, by cause: requested (guest, owner, admin) or hold_expired',
    labelNames: ['cause'] as const,
    registers: [registry],
  });
  const failures = new Counter({
    name: 'booking_failures_total',
    help: 'Booking mutations that answered an error, by operation and error code',
    labelNames: ['operation', 'reason'] as const,
    registers: [registry],
  });
  return {
    registry,
    created: () => created.inc(),
    confirmed: () => confirmed.inc(),
    cancelled: (cause, count = 1) => cancelled.inc({ cause }, count),
    failed: (operation, error) => failures.inc({ operation, reason: reasonOf(error) }),
  };
}

function reasonOf(error: unknown): string {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return typeof code === 'string' && publicCodes.has(code) ? code : 'INTERNAL_SERVER_ERROR';
}
