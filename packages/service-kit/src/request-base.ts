import type { Viewer } from '@travel/auth';
import type { Logger } from '@travel/logger';
import { createEntityInvalidations, type EntityInvalidations } from './invalidations.ts';
import type { RequestCancellation } from './request-signal.ts';
import type { BaseContext } from './subgraph-server.ts';

export interface RequestBaseInit {
  viewer: Viewer | null;
  requestId: string;
  authorization: string | undefined;
  /** The client's address, asked for when `clientAddress` is first read. */
  clientAddress: () => string;
  /** The server's logger: `log` is its child naming the request. */
  serverLog: Logger;
  cancellation: RequestCancellation;
}

const SERVER_LOG = Symbol('serverLog');
const REQUEST_LOG = Symbol('requestLog');
const CANCELLATION = Symbol('cancellation');
const ADDRESS_OF = Symbol('addressOf');
const ADDRESS = Symbol('address');

/**
 * The kit's part of one request's context. Its `log` (a child logger naming the request),
 * `signal` and `clientAddress` (proxy-addr over `X-Forwarded-For`, read by sign-in throttling
 * only) are made when first read: most operations need none, and each costs more than the
 * rest of the context. They are getters of the prototype, which Apollo Server's copy of the
 * context (`Object.assign(Object.create(prototype), context)`) and `Object.assign` onto the
 * base keep, and a spread loses: a subgraph's context extends the base, never spreads it.
 */
class RequestBase implements BaseContext {
  // `declare`: a field declaration is a define of its own (an instance initializer) before the
  // constructor's assignment, on every request; the constructor makes every field anyway.
  declare viewer: Viewer | null;
  declare requestId: string;
  declare authorization: string | undefined;
  declare invalidate: EntityInvalidations['invalidate'];
  declare invalidateList: EntityInvalidations['invalidateList'];
  declare invalidatedEntities: EntityInvalidations['invalidatedEntities'];
  declare [SERVER_LOG]: Logger;
  declare [REQUEST_LOG]: Logger | undefined;
  declare [CANCELLATION]: RequestCancellation;
  declare [ADDRESS_OF]: () => string;
  declare [ADDRESS]: string | undefined;

  constructor(init: RequestBaseInit) {
    this.viewer = init.viewer;
    this.requestId = init.requestId;
    this.authorization = init.authorization;
    const { invalidate, invalidateList, invalidatedEntities } = createEntityInvalidations();
    this.invalidate = invalidate;
    this.invalidateList = invalidateList;
    this.invalidatedEntities = invalidatedEntities;
    this[SERVER_LOG] = init.serverLog;
    this[REQUEST_LOG] = undefined;
    this[CANCELLATION] = init.cancellation;
    this[ADDRESS_OF] = init.clientAddress;
    this[ADDRESS] = undefined;
  }

  get clientAddress(): string {
    this[ADDRESS] ??= this[ADDRESS_OF]();
    return this[ADDRESS];
  }

  get log(): Logger {
    let log = this[REQUEST_LOG];
    if (log === undefined) {
      log = this[SERVER_LOG].child({ requestId: this.requestId });
      this[REQUEST_LOG] = log;
    }
    return log;
  }

  get cancellation(): RequestCancellation {
    return this[CANCELLATION];
  }

  get signal(): AbortSignal {
    return this[CANCELLATION].signal;
  }
}

/** The base context of one request, for `createContext` to extend. */
export function createRequestBase(init: RequestBaseInit): BaseContext {
  return new RequestBase(init);
}
