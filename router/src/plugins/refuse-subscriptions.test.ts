import { describe, expect, it } from 'vitest';
import { refuseSubscriptionsPlugin } from './refuse-subscriptions.ts';

async function resolve(operation: 'query' | 'subscription') {
  const hooks = await refuseSubscriptionsPlugin().requestDidStart?.({} as never);
  return hooks?.didResolveOperation?.({ operation: { operation } } as never);
}

describe('refuseSubscriptionsPlugin', () => {
  it('refuses a subscription that reached Apollo with a 4xx, never executing it', async () => {
    await expect(resolve('subscription')).rejects.toMatchObject({
      extensions: { code: 'BAD_REQUEST', http: { status: 406 } },
    });
  });

  it('lets queries through', async () => {
    await expect(resolve('query')).resolves.toBeUndefined();
  });
});
