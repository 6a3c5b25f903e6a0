import { createDeadlines, postOver, type SubgraphReply } from '@travel/service-kit/client';
import { Agent } from 'undici';

export type { SubgraphReply };

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
 * Calls over undici's dispatcher (service-kit's `postOver`, as every service calls another).
 * One `Agent` keeps a pool of kept-alive connections per subgraph origin, at most
 * `maxConnections` of them: a subgraph is one event loop that gains nothing from more calls at once than it has database connections,
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
    send: (url, body, headers) => postOver(agent, { url, body, headers }, deadline()),
    close: () => agent.close(),
  };
}
