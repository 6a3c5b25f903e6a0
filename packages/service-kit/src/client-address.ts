import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * The client's address of a request: `X-Forwarded-For` as trusted proxies (addresses, CIDRs,
 * `loopback` …, what express's `trust proxy` took) forwarded it, else the socket's peer.
 * The trust list is compiled once.
 */
export function createClientAddress(
  trustedProxies: readonly string[],
): (req: IncomingMessage) => string {
  const trust = proxyAddr.compile([...trustedProxies]);
  return (req) => proxyAddr(req, trust) ?? req.socket.remoteAddress ?? 'unknown';
}
