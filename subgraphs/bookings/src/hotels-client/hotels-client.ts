import { AppError } from '@travel/errors';
import type { Logger } from '@travel/logger';
import { isCancellation, isUuid } from '@travel/subgraph-kit';
import { SpanKind, type Tracer, withSpan } from '@travel/tracing';
import CircuitBreaker from 'opossum';
import { postJsonWithRetry } from './post-with-retry.ts';
import { ROOM_TYPE_QUERY, type RoomTypeFacts, roomTypeFromAnswer } from './room-type-query.ts';

export type { RoomTypeFacts };

export interface HotelsClientOptions {
  /** The hotels subgraph's GraphQL endpoint. */
  url: string;
  log: Pick<Logger, 'warn'>;
  /** Time allowed to one attempt; default 1000 ms. */
  timeoutMs?: number;
  /** Extra attempts after a network error or a 5xx; default 2. */
  retries?: number;
  /** Wait before the first retry, doubled each time; default 100 ms. */
  backoffMs?: number;
  /** Whole-call deadline, retries included, enforced by the breaker; default 2500 ms. */
  deadlineMs?: number;
  /** Time the circuit stays open before one trial call; default 10 000 ms. */
  resetTimeoutMs?: number;
  /** A CLIENT span per call (retries inside it), in the booking's trace; default none (off). */
  tracer?: Tracer;
}

export interface HotelsClient {
  /** The room type's facts, null when hotels does not know it; SERVICE_UNAVAILABLE on failure. */
  roomType(id: string, requestId?: string): Promise<RoomTypeFacts | null>;
  /** Stops the breaker's timers. */
  shutdown(): void;
}

/**
 * Asks the hotels subgraph for a room type through `_entities`, the way the gateway would.
 * A circuit breaker (opossum) stops calling a failing hotels for a while, so bookings fail at
 * once instead of each waiting out timeouts and retries; every failure ends as
 * SERVICE_UNAVAILABLE well under 3 s.
 */
export function createHotelsClient(options: HotelsClientOptions): HotelsClient {
  const { url, log, timeoutMs = 1000, retries = 2, backoffMs = 100 } = options;
  const call = (id: string, requestId: string | undefined) =>
    withSpan(
      options.tracer,
      'POST hotels',
      async () => {
        const body = await postJsonWithRetry(
          url,
          {
            query: ROOM_TYPE_QUERY,
            variables: { representations: [{ __typename: 'RoomType', id }] },
          },
          {
            timeoutMs,
            retries,
            backoffMs,
            headers: requestId ? { 'x-request-id': requestId } : {},
          },
        );
        return roomTypeFromAnswer(id, body);
      },
      { kind: SpanKind.CLIENT, attributes: { 'server.name': 'hotels', 'url.full': url } },
    );
  const breaker = new CircuitBreaker(call, {
    name: 'hotels',
    timeout: options.deadlineMs ?? 2500,
    resetTimeout: options.resetTimeoutMs ?? 10_000,
    errorThresholdPercentage: 50,
    // A handful of calls before the circuit may open: one blip must not stop all bookings.
    volumeThreshold: 5,
    // A call stopped because its request was abandoned says nothing about hotels' health.
    errorFilter: isCancellation,
  });
  breaker.on('open', () => log.warn({ circuit: 'hotels' }, 'circuit opened: hotels is failing'));

  return {
    async roomType(id, requestId) {
      // Hotels ids are uuids: anything else is unknown, and not worth a call.
      if (!isUuid(id)) return null;
      try {
        return await breaker.fire(id.toLowerCase(), requestId);
      } catch (error) {
        if (isCancellation(error)) throw error;
        log.warn({ err: error, roomTypeId: id }, 'hotels call failed');
        throw new AppError(
          'The hotels service is unavailable, so the booking was not made; try again shortly',
          'SERVICE_UNAVAILABLE',
        );
      }
    },
    shutdown() {
      breaker.shutdown();
    },
  };
}
