import type { IncomingMessage } from 'node:http';
import type { BaseContext } from '@apollo/server';
import type { Viewer } from '@travel/auth';
import type { Logger } from '@travel/logger';
import type { GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { RequestState } from './http/request-state.ts';
import type { EarlierSpend } from './rate-limits/rate-limits.ts';
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
  /**
   * The variables object of the operation, as demand control found it coercing without error
   * for that operation and schema: the plan executor does not coerce the same again.
   */
  validVariables?: ValidVariables;
  /** The response cache lookup the fast path made and missed: not repeated (one read, one count). */
  earlierCacheLookup?: EarlierLookup;
  /** The rate-limit spend the fast path made ahead of that lookup: not repeated either. */
  earlierSpend?: EarlierSpend;
}

export interface ValidVariables {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  variables: Readonly<Record<string, unknown>> | null | undefined;
}

const SERVER_LOG = Symbol('serverLog');
const REQUEST_LOG = Symbol('requestLog');

/**
 * One HTTP operation's context. Its `log` (a child logger naming the request) is made when
 * first read: most operations never log, and a child costs more than the rest of the
 * context. The getter lives on the prototype, which Apollo Server's copy of every context
 * (`Object.assign(Object.create(prototype), context)`) keeps; an own getter would be read by
 * that copy and make the child on every request anyway.
 */
class HttpOperationContext implements RouterContext {
  earlierCacheLookup: EarlierLookup | undefined;
  earlierSpend: EarlierSpend | undefined;
  receivedAt = performance.now();
  viewer: Viewer | null;
  requestId: string;
  clientName: string | undefined;
  clientAddress: string;
  authorization: string | undefined;
  [SERVER_LOG]: Logger;
  [REQUEST_LOG]: Logger | undefined = undefined;

  constructor(serverLog: Logger, state: RequestState, authorization: string | undefined) {
    this.earlierCacheLookup = state.earlierCacheLookup;
    this.earlierSpend = state.earlierSpend;
    this.viewer = state.viewer;
    this.requestId = state.requestId;
    this.clientName = state.clientName;
    this.clientAddress = state.clientAddress;
    this.authorization = authorization;
    this[SERVER_LOG] = serverLog;
  }

  get log(): Logger {
    this[REQUEST_LOG] ??= this[SERVER_LOG].child({ requestId: this.requestId });
    return this[REQUEST_LOG];
  }
}

/**
 * Apollo's context of one HTTP operation: no work of its own, the steps before GraphQL (in
 * `http/`) already settled it in the request's state.
 */
export function createContext(log: Logger) {
  return async (
    req: Pick<IncomingMessage, 'headers'>,
    state: RequestState,
  ): Promise<RouterContext> =>
    new HttpOperationContext(log, state, state.authorization ?? req.headers.authorization);
}
