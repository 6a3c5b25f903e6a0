import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createClientAddress } from './client-address.ts';

const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  }) as unknown as IncomingMessage;

describe('createClientAddress', () => {
  it('trusts no header by default: the socket peer is the client', () => {
    const of = createClientAddress([]);
    expect(of(request('203.0.113.7', '198.51.100.1'))).toBe('203.0.113.7');
  });

  it('reads X-Forwarded-For through trusted proxies only, from the right', () => {
    const of = createClientAddress(['10.0.0.0/8']);
    // A client can prepend anything; the entry the proxy appended is the one believed.
    expect(of(request('10.0.0.5', '1.1.1.1, 198.51.100.1'))).toBe('198.51.100.1');
    expect(of(request('10.0.0.5', '198.51.100.1, 10.0.0.9'))).toBe('198.51.100.1');
    expect(of(request('203.0.113.7', '198.51.100.1'))).toBe('203.0.113.7');
  });
});
