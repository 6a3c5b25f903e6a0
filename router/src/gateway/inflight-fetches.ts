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
   * Runs `fetch`, or joins an identical fetch already running: says at once which, and when
   * (performance.now()) the fetch that will answer started.
   */
  run(key: string, fetch: () => Promise<T>): Shared<T>;
  /** Fetches running now are joined by no later caller (after a write: see the data source). */
  forget(): void;
  /** Fetches that can still be joined. */
  readonly size: number;
}

export interface Shared<T> {
  /** Settles as the fetch does, for every caller alike. */
  value: Promise<T>;
  joined: boolean;
  startedAt: number;
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
    run(key, fetch) {
      const current = running.get(key);
      if (current) return { value: current.promise, joined: true, startedAt: current.startedAt };
      const entry: Running<T> = { startedAt: performance.now(), promise: fetch() };
      running.set(key, entry);
      // After `forget`, a later fetch of the same key may hold the place: leave it.
      const done = () => {
        if (running.get(key) === entry) running.delete(key);
      };
      entry.promise.then(done, done);
      return { value: entry.promise, joined: false, startedAt: entry.startedAt };
    },
    forget() {
      running.clear();
    },
    get size() {
      return running.size;
    },
  };
}
