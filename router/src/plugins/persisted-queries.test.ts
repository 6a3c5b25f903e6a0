import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { describe, expect, it, vi } from 'vitest';
import type { RouterContext } from '../context.ts';
import type { UnlistedOperations } from '../persisted-queries/unlisted-operations.ts';
import { persistedQueriesPlugin } from './persisted-queries.ts';

type Resolved = GraphQLRequestContextDidResolveOperation<RouterContext>;

/** The plugin's `didResolveOperation` for one request, its report spied on. */
async function resolveOperation(listed: string[], queryHash: string) {
  const unlisted: UnlistedOperations = { ran: vi.fn(), refused: vi.fn() };
  const plugin = persistedQueriesPlugin({
    list: {
      get: (id) =>
        listed.includes(id) ? { id, name: 'Listed', type: 'query' as const, body: '' } : undefined,
    },
    unlisted,
  });
  const hooks = await plugin.requestDidStart?.({} as never);
  const contextValue = {
    requestId: 'request-1',
    // The request's logger is made when first read, for a line: not for every count.
    get log(): never {
      throw new Error('the request logger was made');
    },
  } as unknown as RouterContext;
  await hooks?.didResolveOperation?.({ queryHash, operationName: 'Op', contextValue } as Resolved);
  return unlisted.ran;
}

describe('persistedQueriesPlugin', () => {
  it("reports an unlisted operation with its request id, without making the request's logger", async () => {
    const ran = await resolveOperation(['listed-hash'], 'other-hash');
    expect(ran).toHaveBeenCalledWith({
      queryHash: 'other-hash',
      operationName: 'Op',
      requestId: 'request-1',
    });
  });

  it('reports nothing for a listed operation', async () => {
    expect(await resolveOperation(['listed-hash'], 'listed-hash')).not.toHaveBeenCalled();
  });
});
