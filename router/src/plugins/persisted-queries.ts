import type { ApolloServerPlugin } from '@apollo/server';
import type { RouterContext } from '../context.ts';
import type { ListedOperation } from '../persisted-queries/manifest.ts';
import type { UnlistedOperations } from '../persisted-queries/unlisted-operations.ts';

export interface PersistedQueriesPluginOptions {
  list: { get(id: string): ListedOperation | undefined };
  /** Counts and logs the unlisted operations that run (`action="logged"`). */
  unlisted: UnlistedOperations;
}

/**
 * `log_unknown`: every operation that runs without being listed (sent in full, or by an APQ
 * hash) is counted and logged with its name and hash (unlisted-operations.ts: once a minute per
 * operation), so the lists can grow towards enforcing.
 * Apollo's `queryHash` is the sha256 of the body that ran, and listed ids are exactly those
 * hashes. Counted once it has parsed and validated, so an APQ miss and its retry count once.
 * Enforcement itself happens before Apollo (persisted-queries/persisted-documents.ts).
 */
export function persistedQueriesPlugin({
  list,
  unlisted,
}: PersistedQueriesPluginOptions): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash, operationName, contextValue }) {
          if (list.get(queryHash)) return;
          unlisted.ran({ queryHash, operationName, requestId: contextValue.requestId });
        },
      };
    },
  };
}
