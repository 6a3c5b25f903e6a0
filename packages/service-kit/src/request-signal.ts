import type { ServerResponse } from 'node:http';
import { AppError } from '@travel/errors';
import type { Logger } from '@travel/logger';

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
 * connection). The request's context carries it (`ctx.cancellation`) to what its work sends:
 * the request's database (`$forRequest`) and calls to other services (`ctx.signal`). Passed,
 * not kept in an AsyncLocalStorage: on Node 20 that enables a hook on every promise of the
 * process, which cost the subgraphs 9–14% of their CPU per request (measured 2026-12-03).
 * Its AbortSignal is made only when something asks for it: an AbortController costs more per
 * request than the rest of this, and most requests only ever ask `throwIfCancelled`.
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

/** The cancellation that `signal` makes (tests, callers that hold a signal). */
export function cancellationOf(signal: AbortSignal): RequestCancellation {
  return {
    get reason() {
      return signal.aborted ? signal.reason : undefined;
    },
    signal,
  };
}

/** Throws the cancellation's reason once its request was abandoned. */
export function throwIfCancelled(cancellation: RequestCancellation | undefined): void {
  const reason = cancellation?.reason;
  if (reason !== undefined) throw reason;
}

/** True for the error `requestCancelled` makes: not a failure of whatever was being called. */
export function isCancellation(error: unknown): boolean {
  return error instanceof AppError && error.extensions.cancelled === true;
}
