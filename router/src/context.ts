import type { IncomingMessage } from 'node:http';
import type { BaseContext } from '@apollo/server';
import type { Viewer } from '@travel/auth';
import type { Logger } from '@travel/logger';
import type { RequestState } from './http/request-state.ts';
import type { EarlierLookup } from './response-cache/response-cache.ts';

/** What every router plugin and the subgraph data source see of one request. */
export interface RouterContext extends BaseContext {
  /** Verified once by `authenticate` before GraphQL; null when anonymous. */
  viewer: Viewer | null;
  /** The `Authorization` header to forward to subgraphs (they verify it again). */
  authorization: string | undefined;
  /** Created or accepted by `requestId`; forwarded to subgraphs and echoed to the client. */
  requestId: string;
  /**
   * The client's address (`X-Forwarded-For` believed from TRUSTED_PROXIES only): what
   * anonymous rate limits count by; forwarded to subgraphs as `X-Forwarded-For`.
   */
  clientAddress: string;
  log: Logger;
  /**
   * `performance.now()` when the operation reached GraphQL. Set: its subgraph query fetches may
   * join identical ones in flight (SUBGRAPH_DEDUP). Absent (subscription re-reads, which must
   * see the write their event announced): every fetch is sent.
   */
  receivedAt?: number;
  /**
   * Set when a subgraph fetch of this operation joined one sent before the operation arrived:
   * its answer may predate a write the response cache already saw invalidated, so it is not
   * cached.
   */
  sharedEarlierFetch?: boolean;
  /**
   * `Type:id` of entities the subgraphs said this request changed
   * (`extensions.invalidatedEntities`); collected by the subgraph data source, made stale in
   * the response cache before the answer is sent. Created on first use.
   */
  invalidatedEntities?: Set<string>;
  /**
   * The client's `apollographql-client-name` as a bounded metric label (`unknown` when absent,
   * `other` past the bound); set by `requestLog` for HTTP operations.
   */
  clientName?: string;
  /**
   * The operation's estimated cost with its variables (demand control), set before any
   * subgraph is called; rate limits spend it. Undefined until the operation is resolved.
   */
  operationCost?: number;
  /** The response cache lookup the fast path made and missed: not repeated (one read, one count). */
  earlierCacheLookup?: EarlierLookup;
}

/**
 * Apollo's context of one HTTP operation: no work of its own, the steps before GraphQL (in
 * `http/`) already settled it in the request's state.
 */
export function createContext(log: Logger) {
  return async (
    req: Pick<IncomingMessage, 'headers'>,
    state: RequestState,
  ): Promise<RouterContext> => {
    const { viewer, requestId, authorization, clientName, clientAddress, earlierCacheLookup } =
      state;
    let requestLog: Logger | undefined;
    return {
      earlierCacheLookup,
      receivedAt: performance.now(),
      viewer,
      requestId,
      clientName,
      clientAddress,
      authorization: authorization ?? req.headers.authorization,
      // Made when first used: most operations never log.
      get log() {
        requestLog ??= log.child({ requestId });
        return requestLog;
      },
    };
  };
}
