import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from './app-error.ts';
import { sendErrorResponse } from './error-response.ts';
import type { ErrorLog } from './mask-error.ts';

interface HttpError {
  status?: unknown;
  type?: unknown;
}

/**
 * An Express error handler for what fails before GraphQL sees the request (the body parser,
 * mostly), answering in the GraphQL error shape instead of Express's HTML page: 413 for a
 * body over the limit, 400 for JSON that does not parse, 500 (masked, logged) for the rest.
 */
export function httpErrorHandler(log: ErrorLog) {
  return (
    err: HttpError,
    req: IncomingMessage,
    res: ServerResponse,
    next: (err: unknown) => void,
  ) => {
    if (res.headersSent) return next(err);
    const status =
      typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err }, 'unexpected error before GraphQL');
    const [message, code]: [string, ErrorCode] =
      err?.type === 'entity.too.large'
        ? ['Request body is too large', 'PAYLOAD_TOO_LARGE']
        : err?.type === 'entity.parse.failed'
          ? ['Request body is not valid JSON', 'BAD_REQUEST']
          : status === 500
            ? ['Internal server error', 'INTERNAL_SERVER_ERROR']
            : ['Bad request', 'BAD_REQUEST'];
    sendErrorResponse(req, res, { status, message, code });
  };
}
