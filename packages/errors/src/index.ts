export { AppError, type ErrorCode, errors } from './app-error.ts';
export { createErrorFormatter } from './mask-error.ts';
