import { AppError } from '@travel/errors';
import type { Logger } from '@travel/logger';
import { createSubgraphClient, isCancellation, isUuid } from '@travel/service-kit';
import type { Tracer } from '@travel/tracing';
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
  /**
   * The room type's facts, null when hotels does not know it; SERVICE_UNAVAILABLE on failure.
   * `signal` (the request's, `ctx.signal`) stops the call with the request it is made for.
   */
  roomType(
    id: string,
    call?: { requestId?: string; signal?: AbortSignal },
  ): Promise<RoomTypeFacts | null>;
  /** Stops the breaker's timers and closes the connections (a stand-in may do it at once). */
  shutdown(): Promise<void> | void;
}

/**
 * Asks the hotels subgraph for a room type through `_entities`, the way the gateway would.
 * A circuit breaker stops calling a failing hotels for a while, so bookings fail at once
 * instead of each waiting out timeouts and retries; every failure ends as SERVICE_UNAVAILABLE
 * well under 3 s.
 */
export function createHotelsClient(options: HotelsClientOptions): HotelsClient {
  const { log, retries = 2 } = options;
  const hotels = createSubgraphClient({
    name: 'hotels',
    url: options.url,
    timeoutMs: options.timeoutMs ?? 1000,
    retries,
    backoffMs: options.backoffMs ?? 100,
    breaker: {
      deadlineMs: options.deadlineMs ?? 2500,
      resetTimeoutMs: options.resetTimeoutMs ?? 10_000,
    },
    tracer: options.tracer,
    log,
  });

  return {
    async roomType(id, { requestId, signal } = {}) {
      // Hotels ids are uuids: anything else is unknown, and not worth a call.
      if (!isUuid(id)) return null;
      const lower = id.toLowerCase();
      try {
        const answer = await hotels.query(ROOM_TYPE_QUERY, {
          variables: { representations: [{ __typename: 'RoomType', id: lower }] },
          requestId,
          signal,
        });
        return roomTypeFromAnswer(lower, answer);
      } catch (error) {
        if (isCancellation(error)) throw error;
        log.warn({ err: error, roomTypeId: id }, 'hotels call failed');
        throw new AppError(
          'The hotels service is unavailable, so the booking was not made; try again shortly',
          'SERVICE_UNAVAILABLE',
        );
      }
    },
    shutdown: () => hotels.close(),
  };
}
