import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';
import { AppError } from '@travel/errors';
import type { Logger } from '@travel/logger';

/**
 * The cancellation of the request being served, wherever its work runs: resolvers, DataLoader
 * batches, Prisma queries. Async-context state rather than an argument because Prisma calls
 * can not be handed one; it holds no resource, only which request the current code serves.
 */
const requestCancellations = new AsyncLocalStorage<RequestCancellation>();

/** Why a cancelled request's work stops. Deliberate, so it is not logged as a fault. */
export function requestCancelled(): AppError {
  return new AppError('The request was cancelled by its caller', 'SERVICE_UNAVAILABLE', {
    cancelled: true,
  });
}

/** Whether the request was cancelled, and its AbortSignal for what takes one. */
export interface RequestCancellation {
  /** Set (a `requestCancelled()` error) once the request was cancelled. */
  readonly reason: unknown;
  /** Aborts with `reason`; the same signal every time it is asked for. */
  readonly signal: AbortSignal;
}

/**
 * The cancellation of the request `res` answers: it happens when the connection closes before
 * the response was sent (the router gave up: its timeout aborts the fetch, which closes the
 * connection). Run the request's work with it (`withRequestCancellation`) so that
 * `requestSignal` and `throwIfCancelled` find it. Its AbortSignal is made only when something
 * asks for it: an AbortController costs more per request than the rest of this, and most
 * requests only ever ask `throwIfCancelled`.
 */
export function cancelOnDisconnect(
  res: ServerResponse,
  log: Pick<Logger, 'info'>,
  requestId: string,
): RequestCancellation {
  let controller: AbortController | undefined;
  let reason: AppError | undefined;
  // `on`, not `once`: a response closes once, and once's wrapper costs per request.
  res.on('close', () => {
    if (res.writableEnded) return;
    log.info({ requestId }, 'caller went away: cancelling');
    reason = requestCancelled();
    controller?.abort(reason);
  });
  return {
    get reason() {
      return reason;
    },
    get signal() {
      if (!controller) {
        controller = new AbortController();
        if (reason) controller.abort(reason);
      }
      return controller.signal;
    },
  };
}

/** Runs `work` (a request's) so that `requestSignal` and `throwIfCancelled` see `cancellation`. */
export function withRequestCancellation<T>(cancellation: RequestCancellation, work: () => T): T {
  return requestCancellations.run(cancellation, work);
}

/** Runs `work` as a request cancelled when `signal` fires (tests, callers with a signal). */
export function withRequestSignal<T>(signal: AbortSignal, work: () => T): T {
  return withRequestCancellation(
    {
      get reason() {
        return signal.aborted ? signal.reason : undefined;
      },
      signal,
    },
    work,
  );
}

/** The signal of the request this code serves; undefined outside one (seeds, sweepers). */
export function requestSignal(): AbortSignal | undefined {
  return requestCancellations.getStore()?.signal;
}

/** Throws the cancellation when the request this code serves was abandoned. */
export function throwIfCancelled(): void {
  const reason = requestCancellations.getStore()?.reason;
  if (reason !== undefined) throw reason;
}

/** True for the error `requestCancelled` makes: not a failure of whatever was being called. */
export function isCancellation(error: unknown): boolean {
  return error instanceof AppError && error.extensions.cancelled === true;
}
