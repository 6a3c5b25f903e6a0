import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { AppError } from './app-error.ts';

const MASKED: GraphQLFormattedError = {
  message: 'Internal server error',
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
};

/**
 * Apollo Server's `formatError`: errors on purpose (AppError) and errors GraphQL itself raised
 * about the request (parse, validation, variable coercion) pass; anything else — a Prisma
 * error, a TypeError — is logged with its stack and reaches the client as a bare
 * INTERNAL_SERVER_ERROR, so no SQL, stack or driver text leaks.
 */
export function createErrorFormatter(log: { error(details: object, message: string): void }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) return withoutStacktrace(formatted);
    if (original instanceof GraphQLError && !original.originalError) {
      return withoutStacktrace(formatted);
    }
    // A variable a scalar refused ("got invalid value …; Date must be …"): graphql-js wraps the
    // scalar's own GraphQLError, which names only the bad value, never server internals.
    if (original instanceof GraphQLError && original.originalError instanceof GraphQLError) {
      return withoutStacktrace(formatted);
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error masked');
    return { ...MASKED, ...(formatted.path ? { path: formatted.path } : {}) };
  };
}

function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _omit, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
