import { AppError } from '@travel/errors';
import type { Logger } from '@travel/logger';
import { untilCancelled } from '@travel/subgraph-kit';
import { SpanKind, type Tracer, traceHeaders, withSpan } from '@travel/tracing';
import { guestIdFromAnswer } from './entities-answer.ts';

/** Who the call is made for: the caller's own token, so bookings applies its own rules. */
export interface BookingsCaller {
  authorization?: string;
  requestId: string;
  log: Logger;
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
  /** Injected by unit tests; default the global fetch. */
  fetch?: typeof fetch;
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

export function createBookingsClient(options: BookingsClientOptions): BookingsClient {
  const { url, timeoutMs = 1000, fetch: fetchFn = fetch } = options;
  return {
    async guestIdOf(bookingId, { authorization, requestId, log }) {
      let answer: unknown;
      try {
        answer = await withSpan(
          options.tracer,
          'POST bookings',
          () => post(bookingId, authorization, requestId),
          { kind: SpanKind.CLIENT, attributes: { 'server.name': 'bookings', 'url.full': url } },
        );
      } catch (error) {
        log.warn({ err: error, url }, 'bookings subgraph unreachable');
        throw unavailable();
      }
      const guestId = guestIdFromAnswer(answer);
      if (guestId === undefined) {
        log.warn({ answer }, 'bookings subgraph gave an unexpected answer');
        throw unavailable();
      }
      return guestId;
    },
  };

  async function post(bookingId: string, authorization: string | undefined, requestId: string) {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        ...(authorization ? { authorization } : {}),
        // `traceparent` of the span running now (none when tracing is off).
        ...traceHeaders(),
      },
      body: JSON.stringify({
        query: QUERY,
        variables: { representations: [{ __typename: 'Booking', id: bookingId }] },
      }),
      // Stops with the request that asked, too.
      signal: untilCancelled(AbortSignal.timeout(timeoutMs)),
    });
    if (!response.ok) throw new Error(`bookings answered HTTP ${response.status}`);
    return (await response.json()) as unknown;
  }
}
