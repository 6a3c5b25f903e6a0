import { AppError } from '@travel/errors';
import type { Logger } from '@travel/logger';
import { createSubgraphClient, isCancellation } from '@travel/service-kit';
import type { Tracer } from '@travel/tracing';
import { guestIdFromAnswer } from './entities-answer.ts';

/** Who the call is made for: the caller's own token, so bookings applies its own rules. */
export interface BookingsCaller {
  authorization?: string;
  requestId: string;
  log: Logger;
  /** The request's signal (`ctx.signal`): the call stops with the request it is made for. */
  signal?: AbortSignal;
}

export interface BookingsClient {
  /**
   * The id of the booking's guest, as the bookings subgraph shows it to the caller: null when
   * the booking is unknown or hidden from the caller. Throws SERVICE_UNAVAILABLE when bookings
   * can not answer in time.
   */
  guestIdOf(bookingId: string, caller: BookingsCaller): Promise<string | null>;
}

export interface BookingsClientOptions {
  /** The bookings subgraph's GraphQL endpoint (not the router: it must not be cached). */
  url: string;
  /** Give up after this long; default 1000 ms. */
  timeoutMs?: number;
  /** A CLIENT span per call, in the caller's trace; default none (off). */
  tracer?: Tracer;
}

const QUERY = `query BookingGuest($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Booking { guest { id } } }
}`;

export function unavailable(): AppError {
  return new AppError(
    'The bookings service is unavailable, so the booking could not be checked; try again later',
    'SERVICE_UNAVAILABLE',
  );
}

export interface BookingsClientHandle extends BookingsClient {
  /** Closes the kept-alive connections. */
  close(): Promise<void>;
}

/**
 * Asks bookings who a booking's guest is, with the caller's own token (a read: no retries;
 * the call stops with the request that made it).
 */
export function createBookingsClient(options: BookingsClientOptions): BookingsClientHandle {
  const bookings = createSubgraphClient({
    name: 'bookings',
    url: options.url,
    timeoutMs: options.timeoutMs ?? 1000,
    tracer: options.tracer,
  });
  return {
    async guestIdOf(bookingId, { authorization, requestId, log, signal }) {
      let answer: unknown;
      try {
        answer = await bookings.query(QUERY, {
          variables: { representations: [{ __typename: 'Booking', id: bookingId }] },
          requestId,
          ...(authorization ? { authorization } : {}),
          signal,
        });
      } catch (error) {
        if (isCancellation(error)) throw error;
        log.warn({ err: error, url: options.url }, 'bookings subgraph unreachable');
        throw unavailable();
      }
      const guestId = guestIdFromAnswer(answer);
      if (guestId === undefined) {
        log.warn({ answer }, 'bookings subgraph gave an unexpected answer');
        throw unavailable();
      }
      return guestId;
    },
    close: () => bookings.close(),
  };
}
