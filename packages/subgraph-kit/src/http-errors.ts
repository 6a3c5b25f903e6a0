import type { ErrorRequestHandler } from 'express';

/**
 * Express's body parser fails before GraphQL sees the request: answer in the GraphQL error
 * shape with the right status instead of Express's HTML page.
 */
export const httpErrorHandler: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) return next(err);
  const status =
    typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
  const message =
    err?.type === 'entity.too.large'
      ? 'Request body is too large'
      : err?.type === 'entity.parse.failed'
        ? 'Request body is not valid JSON'
        : status === 500
          ? 'Internal server error'
          : 'Bad request';
  const code =
    status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};
