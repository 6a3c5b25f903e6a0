/** A call that did not settle in time; what it was doing may still finish, unobserved. */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

/**
 * `work`, or a DeadlineExceeded rejection after `ms`, whichever comes first. The timer is
 * unref'd and cleared, so an abandoned call keeps neither the process nor memory busy.
 *
 * The rejection waits one turn of the event loop after the timer fires (`setImmediate`): after
 * the loop was blocked past `ms` (a long GC, a burst of synchronous work), timers run before
 * the I/O callbacks, so a reply already waiting in the socket would otherwise count as late.
 */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  // One promise and one timer per call (no race, no finally): every cache and rate-limit call
  // on Redis pays it.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => setImmediate(() => reject(new DeadlineExceeded(`over ${ms} ms`))),
      ms,
    );
    timer.unref();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * True for a deadline missed here or by ioredis (`commandTimeout`): the store was slow, not
 * down. Only the label of a metric depends on it.
 */
export function isTimeout(error: unknown): boolean {
  return (
    error instanceof DeadlineExceeded ||
    (error instanceof Error && error.message === 'Command timed out')
  );
}
