import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';
import { AppError } from '@travel/errors';
import type { Logger } from '@travel/logger';

/**
 * The abort signal of the request being served, wherever its work runs: resolvers, DataLoader
 * batches, Prisma queries. Async-context state rather than an argument because Prisma calls
 * can not be handed one; it holds no resource, only which request the current code serves.
 */
const requestSignals = new AsyncLocalStorage<AbortSignal>();

/** Why a cancelled request's work stops. Deliberate, so it is not logged as a fault. */
export function requestCancelled(): AppError {
  return new AppError('The request was cancelled by its caller', 'SERVICE_UNAVAILABLE', {
    cancelled: true,
  });
}

/**
 * An AbortSignal that fires when the connection of `res` closes before the response was sent
 * (the router gave up: its timeout aborts the fetch, which closes the connection). Run the
 * request's work with it (`withRequestSignal`) so that `requestSignal` finds it.
 */
export function abortOnDisconnect(
  res: ServerResponse,
  log: Pick<Logger, 'info'>,
  requestId: string,
): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (res.writableEnded) return;
    log.info({ requestId }, 'caller went away: cancelling');
    controller.abort(requestCancelled());
  });
  return controller.signal;
}

/** Runs `work` (a request's) so that `requestSignal` and `throwIfCancelled` see `signal`. */
export function withRequestSignal<T>(signal: AbortSignal, work: () => T): T {
  return requestSignals.run(signal, work);
}

/** The signal of the request this code serves; undefined outside one (seeds, sweepers). */
export function requestSignal(): AbortSignal | undefined {
  return requestSignals.getStore();
}

/** Throws the cancellation when the request this code serves was abandoned. */
export function throwIfCancelled(): void {
  requestSignals.getStore()?.throwIfAborted();
}

/**
 * `signal` (a call's own timeout), also aborted when the request this code serves is
 * cancelled: a call to another service stops with the request that made it.
 */
export function untilCancelled(signal: AbortSignal): AbortSignal {
  const request = requestSignals.getStore();
  return request ? AbortSignal.any([signal, request]) : signal;
}

/** True for the error `requestCancelled` makes: not a failure of whatever was being called. */
export function isCancellation(error: unknown): boolean {
  return error instanceof AppError && error.extensions.cancelled === true;
}
