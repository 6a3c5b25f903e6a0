import { setMaxListeners } from 'node:events';

/**
 * The deadline signal of a call starting now, for calls allowed `timeoutMs` each. Calls
 * starting within one slot (a tenth of the timeout, at most 100 ms) share one
 * `AbortSignal.timeout`, fired `timeoutMs` after the slot ends: each call is cut between
 * `timeoutMs` and `timeoutMs` plus a slot after it started, and a signal that fires finds only
 * its slot's calls still listening. A signal and a timer per call (with the weak reference Node
 * keeps for each) cost more CPU than the rest of the call's bookkeeping.
 */
export function createDeadlines(
  timeoutMs: number,
  /** Milliseconds, monotonic; default `performance.now`. */
  clock: () => number = () => performance.now(),
): () => AbortSignal {
  const slotMs = Math.min(100, timeoutMs / 10);
  let signal: AbortSignal | undefined;
  let slotEnds = Number.NEGATIVE_INFINITY;
  return () => {
    const now = clock();
    if (signal === undefined || now >= slotEnds) {
      slotEnds = now + slotMs;
      signal = AbortSignal.timeout(timeoutMs + slotMs);
      // One listener per call of the slot in flight: many, and each removed when it ends.
      setMaxListeners(0, signal);
    }
    return signal;
  };
}
