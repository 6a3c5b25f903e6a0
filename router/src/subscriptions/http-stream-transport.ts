import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ErrorCode, responseMediaType, sendErrorResponse } from '@travel/errors';
import type { Logger } from '@travel/logger';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { RequestState } from '../http/request-state.ts';
import type { SubscribeRequest } from './prepare-subscription.ts';
import type { StreamFraming } from './stream-framing.ts';
import type { Closing, SubscriptionCore } from './subscription-core.ts';

export interface HttpStreamTransportOptions {
  core: SubscriptionCore;
  /** Between two heartbeats of an open stream, in ms (SUBSCRIPTIONS_HTTP_HEARTBEAT_MS). */
  heartbeatMs: number;
  log: Logger;
}

/** HTTP status of a subscription refused before its stream opened, by its first error's code. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PERSISTED_QUERY_NOT_FOUND: 404,
  PERSISTED_QUERY_NOT_IN_LIST: 403,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};
export const statusOf = (errors: readonly GraphQLFormattedError[]) =>
  STATUS[errors[0]?.extensions?.code as ErrorCode] ?? 400;

/** What ends a stream the server ends, as the errors of its last part. */
const errorsOf = (closing: Closing): GraphQLFormattedError[] => [
  {
    message: closing.message,
    extensions: { code: closing.kind === 'refused' ? 'UNAUTHENTICATED' : 'SERVICE_UNAVAILABLE' },
  },
];

/**
 * One subscription over one HTTP response (multipart or SSE, by `framing`): a connection of
 * the subscription core, like a WebSocket holding one subscription. Refusals before the stream
 * opens are plain GraphQL-over-HTTP error answers (4xx); afterwards the stream ends with a last
 * error part (revoked, expired, shutdown) and its closing bytes. The client going away ends
 * the subscription and gives its slots back.
 */
export function createHttpStreamTransport({ core, heartbeatMs, log }: HttpStreamTransportOptions) {
  return async function serve(
    req: IncomingMessage,
    res: ServerResponse,
    state: RequestState,
    request: SubscribeRequest,
    framing: StreamFraming,
  ): Promise<void> {
    const { session, requestId, clientAddress } = state;
    if (!session) throw new Error('authenticate must run before subscriptions over HTTP');
    let ended: GraphQLFormattedError[] | undefined;
    let stream: AsyncGenerator<FormattedExecutionResult> | undefined;
    const connection = core.connect(session, clientAddress, framing.transport, (closing) => {
      ended ??= errorsOf(closing);
      void stream?.return(undefined);
    });
    if (!connection) {
      return sendErrorResponse(req, res, {
        status: 429,
        message: 'Too many connections for this identity',
        code: 'RATE_LIMITED',
      });
    }
    try {
      const started = await core.subscribe(connection, request);
      if (!('stream' in started)) return refuse(req, res, framing, core.formatErrors(started));
      const opened = started.stream;
      stream = opened;
      res.once('close', () => void opened.return(undefined));
      // Ended while it started (revoked, shutting down): nothing more is read from it.
      if (ended) void opened.return(undefined);
      openStream(res, framing);
      const heartbeat = setInterval(() => res.write(framing.heartbeat()), heartbeatMs);
      heartbeat.unref();
      try {
        for await (const result of opened) {
          if (!res.write(framing.next(result))) await drained(res);
        }
      } finally {
        clearInterval(heartbeat);
      }
      if (res.writable) res.end((ended ? framing.fail(ended) : '') + framing.end());
    } catch (error) {
      log.error({ err: error, requestId }, 'subscription stream failed');
      if (!res.headersSent) throw error;
      res.end(
        framing.fail([
          { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ]) + framing.end(),
      );
    } finally {
      connection.release();
    }
  };
}

function openStream(res: ServerResponse, framing: StreamFraming) {
  res.writeHead(200, {
    'content-type': framing.contentType,
    'cache-control': 'no-cache, no-store',
    // Proxies (nginx) must pass each part on as it comes.
    'x-accel-buffering': 'no',
  });
  res.write(framing.start());
}

/**
 * A subscription refused before its stream: `{ errors }` with the status their code calls for,
 * in the media type the client accepts, or as the stream's one result (see `refusals`).
 */
function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  framing: StreamFraming,
  errors: GraphQLFormattedError[],
) {
  if (framing.refusals === 'stream') {
    openStream(res, framing);
    res.end(framing.fail(errors) + framing.end());
    return;
  }
  const body = JSON.stringify({ errors });
  res.statusCode = statusOf(errors);
  res.setHeader('content-type', `${responseMediaType(req)}; charset=utf-8`);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/** Resolves when the client has read what was written, or is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
