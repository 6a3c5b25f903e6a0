import { setMaxListeners } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, type Dispatcher } from 'undici';

/** A subgraph's answer as it came over the wire: the body is not parsed yet. */
export interface SubgraphReply {
  status: number;
  /** `content-type`, lower-cased header name; undefined when absent. */
  contentType: string | undefined;
  /** `cache-control`: the subgraph's cache hint, restricted into each operation's policy. */
  cacheControl: string | undefined;
  body: string;
}

export interface SubgraphTransportOptions {
  /**
   * A call still unanswered after this long is aborted (SUBGRAPH_TIMEOUT_MS), at the latest a
   * tenth of it (100 ms at most) later (see `createDeadlines`).
   */
  timeoutMs: number;
  /**
   * Connections kept per subgraph (SUBGRAPH_MAX_CONNECTIONS); calls past it wait for one to
   * be free, within their timeout.
   */
  maxConnections: number;
}

export interface SubgraphTransport {
  /** POSTs `body` (JSON text) to `url`; rejects on a network error or the timeout. */
  send(url: URL, body: string, headers: Record<string, string>): Promise<SubgraphReply>;
  /** Closes every kept-alive connection; calls still running are let finish. */
  close(): Promise<void>;
}

/**
 * undici's dispatcher, used directly (`dispatch()` with a handler that keeps the body's
 * chunks): Node's global `fetch` is the same undici behind the WHATWG Request/Response/Headers
 * layer, which measured ~1.2–1.5 ms of CPU more per client request, and undici's own
 * `request()` wraps each answer in a Node stream (and an async resource) only for the body to be
 * read whole: ~5% of the router's busy time on varied traffic. One `Agent` keeps a pool of
 * kept-alive connections per subgraph origin, at most `maxConnections` of them: a subgraph is
 * one event loop that gains nothing from more calls at once than it has database connections,
 * and an unbounded pool grows with every burst, its sockets then closing idle and reopening
 * (each a TCP handshake for both sides, and a scan of the pool per call) — that churn was ~10%
 * of the router's CPU on varied traffic. Each call is cut off after `timeoutMs`: the abort
 * destroys its socket (an HTTP/1.1 request can not be withdrawn otherwise), which is how the
 * subgraph learns to stop working on it (service-kit's request-signal.ts).
 */
export function createSubgraphTransport({
  timeoutMs,
  maxConnections,
}: SubgraphTransportOptions): SubgraphTransport {
  // Otherwise undici's defaults: idle connections kept 4 s (or as the subgraph's
  // `Keep-Alive: timeout` says, less a margin), no pipelining, no retries.
  const agent = new Agent({ connections: maxConnections });
  const deadline = createDeadlines(timeoutMs);
  return {
    send(url, body, headers) {
      return new Promise((resolve, reject) => {
        const options = {
          origin: url.origin,
          path: url.pathname + url.search,
          method: 'POST' as const,
          headers,
          body,
        };
        agent.dispatch(options, new ReplyHandler(deadline(), resolve, reject));
      });
    },
    close: () => agent.close(),
  };
}

/**
 * One call's answer, collected whole, under `signal`: until the last byte, the signal aborts
 * the call (a subgraph that stalls mid-answer is cut too). A call aborted while it waits for a
 * free connection is answered at once and never sent. The handler is its own abort listener
 * (`handleEvent`): no closure per call.
 */
class ReplyHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private settled = false;
  private status = 0;
  private headers: IncomingHttpHeaders = {};
  private chunks: Buffer[] = [];

  constructor(
    private readonly signal: AbortSignal,
    private readonly resolve: (reply: SubgraphReply) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    if (signal.aborted) this.fail(signal.reason);
    else signal.addEventListener('abort', this);
  }

  /** The signal fired. */
  handleEvent() {
    const { reason } = this.signal;
    if (this.controller) this.controller.abort(reason);
    else this.fail(reason);
  }

  /** True the first time only: the call settles once, and stops listening then. */
  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.signal.removeEventListener('abort', this);
    return true;
  }

  private fail(error: unknown) {
    if (this.settle()) this.reject(error);
  }

  onRequestStart(controller: Dispatcher.DispatchController) {
    // Aborted while it waited for a connection: not sent at all.
    if (this.settled) controller.abort(this.signal.reason ?? new Error('aborted'));
    else this.controller = controller;
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: IncomingHttpHeaders,
  ) {
    // 1xx (informational) answers come before the real one.
    if (status < 200) return;
    this.status = status;
    this.headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer) {
    this.chunks.push(chunk);
  }

  onResponseEnd() {
    if (!this.settle()) return;
    const { chunks, headers } = this;
    const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    this.resolve({
      status: this.status,
      contentType: headerOf(headers['content-type']),
      cacheControl: headerOf(headers['cache-control']),
      body: bytes.toString('utf8'),
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error) {
    this.fail(error);
  }
}

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The abort signal of a call starting now. Calls starting within one slot (a tenth of the
 * timeout, at most 100 ms) share one `AbortSignal.timeout`, fired `timeoutMs` after the slot
 * ends: each call is cut between `timeoutMs` and `timeoutMs` plus a slot after it started, and
 * a signal that fires finds only its slot's calls still listening. A signal and a timer per call
 * (with the weak reference Node keeps for each) cost more CPU than the rest of the call's
 * bookkeeping.
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
