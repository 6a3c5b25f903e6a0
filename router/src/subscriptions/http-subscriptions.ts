import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendErrorResponse } from '@travel/errors';
import { getOperationAST, parse } from 'graphql';
import type { RequestState, Step } from '../http/request-state.ts';
import { searchOf } from '../http/request-url.ts';
import {
  namedText,
  type PersistedOperationPolicy,
} from '../request-pipeline/persisted-operation.ts';
import type { SubscribeRequest } from './prepare-subscription.ts';
import { multipartFraming, type StreamFraming, sseFraming } from './stream-framing.ts';

export interface HttpSubscriptionsOptions {
  /** The listed operations, to tell what a `documentId` or listed hash names. */
  list: PersistedOperationPolicy['list'];
  maxTokens: number;
  /** Serves one subscription over one response (http-stream-transport.ts). */
  serve(
    req: IncomingMessage,
    res: ServerResponse,
    state: RequestState,
    request: SubscribeRequest,
    framing: StreamFraming,
  ): Promise<void>;
  /** True once the router is shutting down: new streams are refused (503). */
  stopping(): boolean;
}

const MULTIPART = 'multipart/mixed';
const SSE = 'text/event-stream';

/**
 * A `/graphql` step before Apollo Server: a subscription never reaches Apollo
 * or the gateway (which can not execute one). Subscriptions are served as Apollo's multipart
 * protocol (`accept: multipart/mixed;subscriptionSpec=1.0`) or as graphql-sse's distinct
 * connections (`accept: text/event-stream`); any other subscription request answers 406.
 * Queries and mutations go on to Apollo untouched.
 */
export function httpSubscriptions(options: HttpSubscriptionsOptions): Step {
  return async (req, res, state) => {
    const request = requestOf(req, state.body);
    if (!request) return 'next';
    const text = namedText(request, options.list);
    const kind =
      text === undefined ? 'other' : kindOf(text, request.operationName, options.maxTokens);
    if (kind === 'other') return 'next';
    const framing = framingFor(req);
    // Too big or broken to tell: a stream request hears why from the subscription guard,
    // any other from Apollo, as for queries.
    if (kind === 'unparsable' && !framing) return 'next';
    if (!framing) {
      sendErrorResponse(req, res, {
        status: 406,
        code: 'BAD_REQUEST',
        message:
          'Subscriptions are served over WebSocket (graphql-transport-ws), or over HTTP with ' +
          '`accept: multipart/mixed;subscriptionSpec=1.0` or `accept: text/event-stream`',
      });
      return 'answered';
    }
    if (options.stopping()) {
      sendErrorResponse(req, res, {
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'Server shutting down; subscribe again',
      });
      return 'answered';
    }
    await options.serve(req, res, state, request, framing);
    return 'answered';
  };
}

/** The stream protocol the client accepts (Apollo Client also accepts JSON: multipart wins). */
function framingFor(req: IncomingMessage): StreamFraming | undefined {
  const accept = (req.headers.accept ?? '').toLowerCase();
  if (accept.includes(MULTIPART)) return multipartFraming;
  if (accept.includes(SSE)) return sseFraming;
  return undefined;
}

/**
 * Whether the text's operation is a subscription. Only texts that hold the word are parsed
 * (with the token limit): every other query costs a substring search.
 */
function kindOf(
  text: string,
  operationName: unknown,
  maxTokens: number,
): 'subscription' | 'other' | 'unparsable' {
  if (!text.includes('subscription')) return 'other';
  try {
    const name = typeof operationName === 'string' ? operationName : undefined;
    const operation = getOperationAST(parse(text, { maxTokens }), name);
    return operation?.operation === 'subscription' ? 'subscription' : 'other';
  } catch {
    return 'unparsable';
  }
}

/** The operation request of a POST's JSON body or a GET's search parameters. */
function requestOf(req: IncomingMessage, body: unknown): SubscribeRequest | undefined {
  if (req.method === 'GET') {
    const search = searchOf(req.url);
    return {
      query: search.get('query') ?? undefined,
      documentId: search.get('documentId') ?? undefined,
      operationName: search.get('operationName'),
      variables: json(search.get('variables')) as SubscribeRequest['variables'],
      extensions: json(search.get('extensions')),
    };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return body as SubscribeRequest;
}

function json(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
