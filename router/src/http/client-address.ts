import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

export interface ClientAddress {
  /** For express's `trust proxy` setting: `req.ip` then answers `of(req)`. */
  trust: (address: string, hop: number) => boolean;
  /**
   * The client's address: the socket's peer, or, when that peer is a trusted proxy, the
   * nearest `X-Forwarded-For` entry that is not one (express's `req.ip` rule). For requests
   * express never sees (WebSocket upgrades).
   */
  of(req: IncomingMessage): string;
}

/**
 * One rule for the client's address over HTTP and WebSocket. `trustedProxies`: addresses,
 * CIDRs or `loopback`/`linklocal`/`uniquelocal`; empty trusts no header at all.
 */
export function createClientAddress(trustedProxies: readonly string[]): ClientAddress {
  const trust = proxyAddr.compile([...trustedProxies]);
  return {
    trust,
    of: (req) => proxyAddr(req, trust) || 'unknown',
  };
}
