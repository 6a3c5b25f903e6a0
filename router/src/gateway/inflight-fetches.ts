/**
 * What makes two subgraph fetches interchangeable: the subgraph, the exact body (operation
 * and variables, as the planner printed them) and the forwarded `Authorization`, the only
 * forwarded header a subgraph's answer to a query depends on (its viewer). The other headers
 * the router sends do not change an answer: `x-request-id` and `traceparent` only label logs
 * and spans, and `x-forwarded-for` is read by sign-in throttling alone, a mutation, which is
 * never shared. A subgraph that starts reading another header in a query must add it here.
 */
export function inflightKey(subgraph: string, body: string, authorization: string | undefined) {
  // Lengths first: no choice of the three parts can make two different triples one key.
  const auth = authorization ?? '';
  return `${subgraph.length}:${auth.length}:${subgraph}${auth}${body}`;
}

export interface InflightFetches<T> {
  /**
   * Runs `fetch`, or joins an identical fetch already running that started at or after
   * `since` (performance.now() time). Resolves with its result and whether it was shared.
   */
  run(key: string, since: number, fetch: () => Promise<T>): Promise<{ value: T; joined: boolean }>;
  /** Fetches running now are joined by no later caller (after a write: see the data source). */
  forget(): void;
  /** Fetches that can still be joined. */
  readonly size: number;
}

interface Running<T> {
  startedAt: number;
  promise: Promise<T>;
}

/**
 * Identical subgraph fetches in flight at the same time, sent once. Every caller gets the
 * same settled value (or the same rejection): callers must not share mutable objects made
 * from it, so the data source shares the reply's text and parses it per caller.
 */
export function createInflightFetches<T>(): InflightFetches<T> {
  const running = new Map<string, Running<T>>();
  return {
    async run(key, since, fetch) {
      const current = running.get(key);
      if (current && current.startedAt >= since) {
        return { value: await current.promise, joined: true };
      }
      const entry: Running<T> = { startedAt: performance.now(), promise: fetch() };
      running.set(key, entry);
      try {
        return { value: await entry.promise, joined: false };
      } finally {
        // A later fetch of the same key may have replaced this one (forget, or too old).
        if (running.get(key) === entry) running.delete(key);
      }
    },
    forget() {
      running.clear();
    },
    get size() {
      return running.size;
    },
  };
}
