import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { AppError } from './app-error.ts';

export interface ErrorLog {
  error(details: object, message: string): void;
}

const MASKED: GraphQLFormattedError = {
  message: 'Internal server error',
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
};

/**
 * Apollo Server's `formatError`: errors on purpose pass — an AppError, an error GraphQL or
 * Apollo raised about the request (parse, validation, variables; Apollo wraps graphql-js's
 * own error, so the whole cause chain is looked at), a subgraph's answer relayed by the
 * gateway (its cause is plain JSON). Anything with a real exception inside — a Prisma error,
 * a TypeError — is logged with its stack and reaches the client as a bare
 * INTERNAL_SERVER_ERROR, so no SQL, stack or driver text leaks.
 */
export function createErrorFormatter(log: ErrorLog) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isDeliberate(error)) return withoutStacktrace(formatted);
    log.error({ err: error, path: formatted.path }, 'unexpected error masked');
    return { ...MASKED, ...(formatted.path ? { path: formatted.path } : {}) };
  };
}

function isDeliberate(error: unknown): boolean {
  let cause: unknown = error;
  while (cause instanceof GraphQLError) {
    if (cause instanceof AppError) return true;
    cause = cause.originalError;
  }
  return !(cause instanceof Error);
}

function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _omit, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
