import { createLogger } from '@travel/logger';
import { describe, expect, it, vi } from 'vitest';
import { createRequestBase } from './request-base.ts';

function base() {
  const serverLog = createLogger({ service: 'kit-test', level: 'silent' });
  const child = vi.spyOn(serverLog, 'child');
  const signal = vi.fn(() => new AbortController().signal);
  const address = vi.fn(() => '127.0.0.1');
  const made = createRequestBase({
    viewer: null,
    requestId: 'r-1',
    authorization: undefined,
    clientAddress: address,
    serverLog,
    cancellation: {
      reason: undefined,
      get signal() {
        return signal();
      },
    },
  });
  return { made, child, signal, address };
}

describe('createRequestBase', () => {
  it('makes the request logger once, when first read', () => {
    const { made, child } = base();
    expect(child).not.toHaveBeenCalled();
    const log = made.log;
    expect(made.log).toBe(log);
    expect(child).toHaveBeenCalledTimes(1);
    expect(child).toHaveBeenCalledWith({ requestId: 'r-1' });
  });

  it('asks for the signal only when read', () => {
    const { made, signal } = base();
    expect(signal).not.toHaveBeenCalled();
    expect(made.signal.aborted).toBe(false);
    expect(signal).toHaveBeenCalledTimes(1);
  });

  it('works out the client address once, when first read', () => {
    const { made, address } = base();
    expect(address).not.toHaveBeenCalled();
    expect(made.clientAddress).toBe('127.0.0.1');
    expect(made.clientAddress).toBe('127.0.0.1');
    expect(address).toHaveBeenCalledTimes(1);
  });

  it("keeps all three lazy through Object.assign and Apollo Server's copy of the context", () => {
    const { made, child, signal, address } = base();
    const context = Object.assign(made, { loaders: {} });
    // What Apollo Server does with every request's context value (cloneObject).
    const copy = Object.assign(Object.create(Object.getPrototypeOf(context)), context);
    expect(child).not.toHaveBeenCalled();
    expect(signal).not.toHaveBeenCalled();
    expect(address).not.toHaveBeenCalled();
    expect(copy.clientAddress).toBe('127.0.0.1');
    expect(copy.log).toBe(copy.log);
    expect(copy.signal.aborted).toBe(false);
    expect(copy.requestId).toBe('r-1');
    copy.invalidate('Hotel', 'h1');
    expect([...copy.invalidatedEntities]).toEqual(['Hotel:h1']);
  });
});
