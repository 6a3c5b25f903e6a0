import type { ServerOptions } from 'node:http';

export interface HttpTimeouts {
  /** HTTP_KEEP_ALIVE_TIMEOUT_MS: how long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** HTTP_REQUEST_TIMEOUT_MS: how long a client has to send a whole request, headers and body. */
  requestTimeoutMs: number;
}

/**
 * The options of a service's `http.createServer`: how long it waits on its clients.
 *
 * - Idle keep-alive connections stay open `keepAliveTimeoutMs`. Node's default, 5 s, is shorter
 *   than what sits in front: a load balancer's idle timeout (60 s for nginx's upstream keepalive
 *   and most cloud balancers) or the router's pool to its subgraphs. The side that closes first
 *   should be the client's: when the server closes a connection the client is about to reuse,
 *   that request fails (a 502 at the balancer, a retry or an error at the router), and every
 *   reconnect costs a TCP handshake.
 * - A request must arrive whole within `requestTimeoutMs` of its first byte, or Node answers
 *   408 and closes the connection; its headers within the same time (or 60 s if shorter, Node's
 *   rule). Node's default is 300 s: a client trickling its body a byte at a time held a
 *   connection, a parser and a body buffer that long, and enough such clients starve everyone.
 *   Only receiving is timed: a subscription's long answer is not, nor a keep-alive connection
 *   idle between requests (Node 20 times a request from its first byte).
 * - Node looks for late requests on an interval, 30 s by default (a 30 s timeout then fired
 *   after up to 60 s): every second here, or sooner for a shorter timeout.
 */
export function httpServerOptions(timeouts: HttpTimeouts): ServerOptions {
  const { keepAliveTimeoutMs, requestTimeoutMs } = timeouts;
  return {
    keepAliveTimeout: keepAliveTimeoutMs,
    requestTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, requestTimeoutMs),
  };
}
