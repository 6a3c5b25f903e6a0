export { AppError, ERROR_CODES, type ErrorCode, errors } from './app-error.ts';
export { type ErrorResponse, responseMediaType, sendErrorResponse } from './error-response.ts';
export { createErrorFormatter, type ErrorLog } from './mask-error.ts';
