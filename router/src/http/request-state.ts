import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Viewer } from '@travel/auth';
import type { EarlierSpend } from '../rate-limits/rate-limits.ts';
import type { Session } from '../request-pipeline/authenticate-credentials.ts';
import type { EarlierLookup } from '../response-cache/response-cache.ts';

/**
 * What the steps before GraphQL settle about one `/graphql` request, for the steps after them
 * and for the GraphQL context: one object per request, made by the HTTP handler and passed to
 * every step.
 */
export interface RequestState {
  /** Created or accepted from `x-request-id` (request-id.ts); echoed and forwarded. */
  requestId: string;
  /** The client's address (`X-Forwarded-For` believed from TRUSTED_PROXIES only). */
  clientAddress: string;
  /** Verified once by `authenticate`; null when anonymous. */
  viewer: Viewer | null;
  /** For `x-api-key` callers: the token minted for the partner, forwarded instead of the key. */
  authorization?: string;
  /** The caller as `authenticate` settled it: what a subscription over HTTP runs as. */
  session?: Session;
  /** The client name as a metric label (client-identity.ts). */
  clientName?: string;
  /**
   * The parsed JSON body of a POST (json-body.ts); undefined for a GET or a body that is not
   * JSON (Apollo Server answers what a GraphQL request then lacks).
   */
  body: unknown;
  /** The text `body` was parsed from (the response cache's fast path remembers work by it). */
  bodyText?: string;
  /** The listed operation a persisted query id named, for the request log line. */
  persistedQuery?: { id: string; name: string };
  /** Left by the response cache's fast path when it fell through after a lookup. */
  earlierCacheLookup?: EarlierLookup;
  /** Left by the fast path when it fell through after spending ahead (a body hit before). */
  earlierSpend?: EarlierSpend;
}

/**
 * One step of the `/graphql` pipeline: it either answers the request itself (a refusal, a
 * stream, a cache hit) and returns `'answered'`, or lets it go on to the next step (`'next'`).
 * What it throws is answered 500 by the HTTP handler.
 */
export type Step = (
  req: IncomingMessage,
  res: ServerResponse,
  state: RequestState,
) => StepResult | Promise<StepResult>;

export type StepResult = 'next' | 'answered';
