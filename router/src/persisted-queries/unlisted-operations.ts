import type { Logger } from '@travel/logger';
import type { Counter } from 'prom-client';

export interface UnlistedOperation {
  /** The sha256 of the text that ran: the id it would have in a persisted query list. */
  queryHash: string;
  operationName?: string | null | undefined;
  requestId?: string | undefined;
}

/**
 * `log_unknown`'s report of unlisted operations that run, shared by every way one arrives (the
 * pipeline, the response cache's fast path, the subscription transports): each is counted in
 * `graphql_unlisted_operations_total{action="logged"}`, and logged at most once per operation
 * per `quietMs`, with how many times it ran since its last line. A web app that sends its
 * queries as text would otherwise write a warning per request.
 */
export interface UnlistedOperations {
  ran(operation: UnlistedOperation): void;
  /** One refused by a persisted-query rule (PERSISTED_QUERY_NOT_IN_LIST): counted. */
  refused(): void;
}

export interface UnlistedOperationsOptions {
  /** `graphql_unlisted_operations_total` (metrics.ts). */
  counter: Counter<'action'>;
  /**
   * The server's logger; a line names its request by `requestId` (a request's own child logger
   * would cost more than the count, on every request, to write a line a minute).
   */
  log: Logger;
  /** How long an operation's warning is not repeated; default 60 000 ms. */
  quietMs?: number;
  /** Operations remembered between their lines; default 1000 (the oldest forgotten first). */
  maxOperations?: number;
  now?: () => number;
}

export function createUnlistedOperations({
  counter,
  log,
  quietMs = 60_000,
  maxOperations = 1000,
  now = Date.now,
}: UnlistedOperationsOptions): UnlistedOperations {
  const logged = new Map<string, { at: number; since: number }>();
  return {
    ran({ queryHash, operationName, requestId }) {
      counter.inc({ action: 'logged' });
      const last = logged.get(queryHash);
      const at = now();
      if (last && at - last.at < quietMs) {
        last.since++;
        return;
      }
      logged.delete(queryHash);
      logged.set(queryHash, { at, since: 0 });
      if (logged.size > maxOperations) {
        const oldest = logged.keys().next().value;
        if (oldest !== undefined) logged.delete(oldest);
      }
      log.warn(
        { operationName, queryHash, requestId, ...(last ? { ranUnloggedSince: last.since } : {}) },
        'unlisted operation',
      );
    },
    refused() {
      counter.inc({ action: 'refused' });
    },
  };
}
