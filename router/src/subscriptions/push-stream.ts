export interface PushStream<T> extends AsyncGenerator<T, void, undefined> {
  /** Queues a value for the reader; ignored once the stream has ended. */
  push(value: T): void;
  /** Values pushed and not read yet (a reader that falls behind lets this grow). */
  readonly queued: number;
  /** Ends the stream: the reader gets what is queued, then `done` (or `error`, thrown). */
  end(error?: Error): void;
}

/**
 * An async generator fed from outside (events arrive by callback, graphql-ws reads with
 * `for await`). `onEnd` runs exactly once, whichever side ends it: the reader's `return()`
 * (client completed, socket closed) or `end()`.
 */
export function createPushStream<T>(onEnd: () => void): PushStream<T> {
  const queue: T[] = [];
  let waiting: { resolve(r: IteratorResult<T, void>): void; reject(e: Error): void } | undefined;
  let ended = false;
  let failure: Error | undefined;

  const finish = () => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  const settle = () => {
    if (!waiting) return;
    const { resolve, reject } = waiting;
    if (queue.length > 0) {
      waiting = undefined;
      resolve({ value: queue.shift() as T, done: false });
    } else if (ended) {
      waiting = undefined;
      if (failure) reject(failure);
      else resolve({ value: undefined, done: true });
      failure = undefined;
    }
  };

  const stream: PushStream<T> = {
    get queued() {
      return queue.length;
    },
    push(value) {
      if (ended) return;
      queue.push(value);
      settle();
    },
    end(error) {
      if (ended) return;
      failure = error;
      finish();
      settle();
    },
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (ended) {
        const error = failure;
        failure = undefined;
        return error ? Promise.reject(error) : Promise.resolve({ value: undefined, done: true });
      }
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    return() {
      queue.length = 0;
      failure = undefined;
      finish();
      settle();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error) {
      stream.return();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
