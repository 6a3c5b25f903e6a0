import type { IncomingMessage, ServerResponse } from 'node:http';
import Negotiator from 'negotiator';
import type { ErrorCode } from './app-error.ts';

const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
const JSON_MEDIA_TYPE = 'application/json';

export interface ErrorResponse {
  status: number;
  message: string;
  code: ErrorCode;
  /** More `extensions` beside `code` (a retry time, a cost estimate). */
  extensions?: Record<string, unknown>;
  /** Headers of this answer (`retry-after`, `www-authenticate`). */
  headers?: Record<string, string>;
}

/**
 * The media type of an answer, chosen as Apollo Server chooses it: GraphQL-over-HTTP's
 * `application/graphql-response+json` when the client prefers it, else `application/json`.
 * Apollo Client 4 surfaces `extensions.code` only from the former on a non-2xx status.
 */
export function responseMediaType(req: Pick<IncomingMessage, 'headers'>): string {
  const preferred = new Negotiator(req).mediaType([JSON_MEDIA_TYPE, GRAPHQL_RESPONSE_JSON]);
  return preferred === GRAPHQL_RESPONSE_JSON ? GRAPHQL_RESPONSE_JSON : JSON_MEDIA_TYPE;
}

/**
 * The one way a service answers an error it produces itself, before or instead of GraphQL
 * (401, 404, 413, 429, malformed JSON): `{ errors: [{ message, extensions: { code } }] }`,
 * in the media type the client accepts: the same shape as the errors Apollo Server writes.
 */
export function sendErrorResponse(
  req: Pick<IncomingMessage, 'headers'>,
  res: ServerResponse,
  error: ErrorResponse,
): void {
  const body = JSON.stringify({
    errors: [
      {
        message: error.message,
        extensions: { ...error.extensions, code: error.code },
      },
    ],
  });
  res.statusCode = error.status;
  for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
  res.setHeader('content-type', `${responseMediaType(req)}; charset=utf-8`);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
