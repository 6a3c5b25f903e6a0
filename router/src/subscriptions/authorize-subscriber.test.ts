import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { createSharedAuthorizations } from './authorize-subscriber.ts';

describe('createSharedAuthorizations', () => {
  it('asks a question once while it is in flight, then asks again', async () => {
    const shared = createSharedAuthorizations();
    let answer: (value: GraphQLError | undefined) => void = () => {};
    const ask = vi.fn(
      () =>
        new Promise<GraphQLError | undefined>((resolve) => {
          answer = resolve;
        }),
    );
    const refusal = new GraphQLError('You may not follow bookingUpdated');
    const first = shared('user-1 bookingUpdated b1', ask);
    const second = shared('user-1 bookingUpdated b1', ask);
    const other = shared('user-2 bookingUpdated b1', async () => undefined);
    expect(ask).toHaveBeenCalledOnce();
    answer(refusal);
    await expect(first).resolves.toBe(refusal);
    await expect(second).resolves.toBe(refusal);
    await expect(other).resolves.toBeUndefined();
    // Answered: nothing is kept, a revocation since then is seen by the next subscription.
    void shared('user-1 bookingUpdated b1', ask);
    expect(ask).toHaveBeenCalledTimes(2);
  });

  it('shares a failure too, and forgets it', async () => {
    const shared = createSharedAuthorizations();
    const failing = vi.fn(async () => {
      throw new Error('accounts down');
    });
    await expect(Promise.all([shared('k', failing), shared('k', failing)])).rejects.toThrow(
      'accounts down',
    );
    expect(failing).toHaveBeenCalledOnce();
    await expect(shared('k', async () => undefined)).resolves.toBeUndefined();
  });
});
