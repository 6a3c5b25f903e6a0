import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

export interface TurnEndAnswers {
  /**
   * Sends `status`, `headers` (beside those set on `res` before) and `body` at the end of this
   * turn of the event loop, together with every other answer of the turn. An answer whose
   * socket closed meanwhile is dropped.
   */
  send(
    res: ServerResponse,
    status: number,
    headers: OutgoingHttpHeaders | undefined,
    body: string | Buffer,
  ): void;
}

interface Answer {
  res: ServerResponse;
  status: number;
  headers: OutgoingHttpHeaders | undefined;
  body: string | Buffer;
}

/**
 * Whole answers written together once the turn's I/O is done (`setImmediate`), one after the
 * other, instead of each as soon as it is ready. A write to a client waiting on its socket
 * wakes that client: written one at a time, between reads of the next requests, each answer
 * pays a wake-up (on this 2-core machine, measured: a cache hit at 0.07 ms of CPU, 0.04 ms with
 * its answer written at the turn's end; the router's hits went from 14,063 to 22,869 req/s,
 * `pnpm bench gateways`). Written back to back, the first wakes the client and the rest reach
 * it awake. An answer waits at most the rest of its turn: microseconds when idle.
 *
 * `onError` hears what writing an answer threw (a header Node refuses): that answer's socket
 * is destroyed, and the other answers still go.
 */
export function createTurnEndAnswers(onError: (error: unknown) => void): TurnEndAnswers {
  let pending: Answer[] = [];
  const flush = () => {
    const answers = pending;
    pending = [];
    for (const { res, status, headers, body } of answers) {
      if (res.destroyed) continue;
      try {
        res.writeHead(status, headers);
        res.end(body);
      } catch (error) {
        res.destroy();
        onError(error);
      }
    }
  };
  return {
    send(res, status, headers, body) {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ res, status, headers, body });
    },
  };
}
