import { createLogger } from '@travel/logger';
import { describe, expect, it, vi } from 'vitest';
import { createContext } from './context.ts';
import type { RequestState } from './http/request-state.ts';

function setUp(state: Partial<RequestState> = {}) {
  const log = createLogger({ service: 'router-test', level: 'silent' });
  const child = vi.spyOn(log, 'child');
  const request: RequestState = {
    requestId: 'r-1',
    clientAddress: '203.0.113.9',
    viewer: null,
    body: undefined,
    ...state,
  };
  return { child, make: () => createContext(log)({ headers: {} }, request) };
}

describe('createContext', () => {
  it('carries what the steps before GraphQL settled', async () => {
    const { make } = setUp({ clientName: 'web', authorization: 'Bearer minted' });
    const context = await make();
    expect(context).toMatchObject({
      requestId: 'r-1',
      clientAddress: '203.0.113.9',
      viewer: null,
      clientName: 'web',
      authorization: 'Bearer minted',
    });
    expect(context.receivedAt).toEqual(expect.any(Number));
  });

  it("makes the request's logger once, when first read", async () => {
    const { make, child } = setUp();
    const context = await make();
    expect(child).not.toHaveBeenCalled();
    expect(context.log).toBe(context.log);
    expect(child).toHaveBeenCalledTimes(1);
    expect(child).toHaveBeenCalledWith({ requestId: 'r-1' });
  });

  it("stays lazy through Apollo Server's copy of the context", async () => {
    const { make, child } = setUp();
    const context = await make();
    // What Apollo Server does with every request's context value (cloneObject).
    const copy = Object.assign(Object.create(Object.getPrototypeOf(context)), context);
    expect(child).not.toHaveBeenCalled();
    expect(copy.requestId).toBe('r-1');
    expect(copy.log).toBe(copy.log);
    expect(child).toHaveBeenCalledTimes(1);
  });
});
