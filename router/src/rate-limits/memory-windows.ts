/** One identity's window: points spent in it and when it ends (ms since the epoch). */
export interface Window {
  consumed: number;
  endsAt: number;
}

export interface MemoryWindows {
  /** Adds `points` to the key's window (a new one when none is running) and answers it. */
  consume(key: string, points: number): Readonly<Window>;
}

/**
 * Fixed windows counted in this process, as rate-limiter-flexible's memory limiter counts them
 * (a window starts at a key's first spend and lasts `windowSeconds`; refused spends count too),
 * but answered synchronously: a spend costs no promise, and no timer per key. Ended windows
 * are swept once per window length.
 */
export function createMemoryWindows(windowSeconds: number, now = Date.now): MemoryWindows {
  const windows = new Map<string, Window>();
  const lengthMs = windowSeconds * 1000;
  let sweepAt = now() + lengthMs;
  return {
    consume(key, points) {
      const at = now();
      if (at >= sweepAt) {
        for (const [held, window] of windows) if (window.endsAt <= at) windows.delete(held);
        sweepAt = at + lengthMs;
      }
      let window = windows.get(key);
      if (!window || window.endsAt <= at) {
        window = { consumed: 0, endsAt: at + lengthMs };
        windows.set(key, window);
      }
      window.consumed += points;
      return window;
    },
  };
}
