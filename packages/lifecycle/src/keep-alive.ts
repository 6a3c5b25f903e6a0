import type { Server } from 'node:http';

/**
 * How long `server` keeps an idle keep-alive connection open. Node's default, 5 s, is shorter
 * than what sits in front: a load balancer's idle timeout (60 s for nginx's upstream keepalive
 * and most cloud balancers) or the router's pool to its subgraphs. The side that closes first
 * should be the client's: when the server closes a connection the client is about to reuse,
 * that request fails (a 502 at the balancer, a retry or an error at the router), and every
 * reconnect costs a TCP handshake. Node wants `headersTimeout` above the keep-alive timeout, or
 * it can cut a request arriving on a connection that was idle just under it.
 */
export function keepIdleConnections(server: Server, timeoutMs: number): void {
  server.keepAliveTimeout = timeoutMs;
  server.headersTimeout = Math.max(server.headersTimeout, timeoutMs + 1000);
}
