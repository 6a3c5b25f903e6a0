import type { ErrorLog } from './mask-error.ts';

interface HttpError {
  status?: unknown;
  type?: unknown;
}

interface JsonResponse {
  headersSent: boolean;
  status(code: number): { json(body: unknown): unknown };
}

/**
 * An Express error handler for what fails before GraphQL sees the request (the body parser,
 * mostly), answering in the GraphQL error shape instead of Express's HTML page: 413 for a
 * body over the limit, 400 for JSON that does not parse, 500 (masked, logged) for the rest.
 */
export function httpErrorHandler(log: ErrorLog) {
  return (err: HttpError, _req: unknown, res: JsonResponse, next: (err: unknown) => void) => {
    if (res.headersSent) return next(err);
    const status =
      typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err }, 'unexpected error before GraphQL');
    const [message, code] =
      err?.type === 'entity.too.large'
        ? ['Request body is too large', 'PAYLOAD_TOO_LARGE']
        : err?.type === 'entity.parse.failed'
          ? ['Request body is not valid JSON', 'BAD_REQUEST']
          : status === 500
            ? ['Internal server error', 'INTERNAL_SERVER_ERROR']
            : ['Bad request', 'BAD_REQUEST'];
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
