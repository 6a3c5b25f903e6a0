import type { GraphQLError } from 'graphql';
import { modeFor } from '../persisted-queries/resolve-document.ts';
import type { UnlistedOperations } from '../persisted-queries/unlisted-operations.ts';
import type { PersistedOperationPolicy } from '../request-pipeline/persisted-operation.ts';
import { sha256Hex } from '../sha256.ts';

export interface UnlistedSubscriptions {
  /** A subscription refused before it started: counted when a persisted-query rule refused it. */
  refused(errors: readonly GraphQLError[]): void;
  /** A valid subscription about to run: counted and logged when it is unlisted (log_unknown). */
  ran(text: string, operationName: string | undefined, partner: boolean): void;
}

export interface UnlistedSubscriptionsOptions {
  persisted: PersistedOperationPolicy | undefined;
  /** The report HTTP operations go to (persisted-queries/unlisted-operations.ts). */
  unlisted: UnlistedOperations | undefined;
}

/**
 * Counts unlisted subscriptions the way HTTP counts unlisted operations, for every transport:
 * `refused` when a persisted-query rule refused one (PERSISTED_QUERY_NOT_IN_LIST, as
 * persisted-documents.ts counts), `logged` when one runs unlisted under `log_unknown` (as the
 * persisted-queries plugin counts: once it is valid).
 */
export function unlistedSubscriptions({
  persisted,
  unlisted,
}: UnlistedSubscriptionsOptions): UnlistedSubscriptions {
  return {
    refused(errors: readonly GraphQLError[]) {
      if (errors[0]?.extensions.code !== 'PERSISTED_QUERY_NOT_IN_LIST') return;
      unlisted?.refused();
    },
    ran(text: string, operationName: string | undefined, partner: boolean) {
      if (!persisted || !unlisted) return;
      const mode = modeFor({ mode: persisted.mode, development: persisted.development, partner });
      if (mode !== 'log_unknown') return;
      const queryHash = sha256Hex(text);
      if (persisted.list.get(queryHash)) return;
      unlisted.ran({ queryHash, operationName });
    },
  };
}
