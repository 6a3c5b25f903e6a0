import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * The client's address of a request: the socket's peer, or, when that peer is a trusted proxy
 * (addresses, CIDRs, `loopback` …, what express's `trust proxy` took), the nearest
 * `X-Forwarded-For` entry that is not one. One rule for every service and transport (HTTP and
 * WebSocket upgrades); an empty list trusts no header at all. The trust list is compiled once.
 */
export function createClientAddress(
  trustedProxies: readonly string[],
): (req: IncomingMessage) => string {
  // Nothing to believe: the header is not parsed at all (proxy-addr would, on every request).
  if (trustedProxies.length === 0) return (req) => req.socket.remoteAddress ?? 'unknown';
  const trust = proxyAddr.compile([...trustedProxies]);
  return (req) => proxyAddr(req, trust) ?? req.socket.remoteAddress ?? 'unknown';
}
