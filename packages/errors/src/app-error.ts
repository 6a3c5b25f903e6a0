import { GraphQLError } from 'graphql';

/**
 * Codes a client may rely on (DESIGN.md §10). Anything else reaches clients masked. A list at
 * run time too: metrics label errors by code, and only by these.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'NO_AVAILABILITY',
  'INVALID_STATE',
  'RATE_LIMITED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_IN_LIST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  /** The operation's estimated cost is over MAX_COST (Apollo Router's demand-control code). */
  'COST_ESTIMATED_TOO_EXPENSIVE',
  /** Malformed HTTP request: bad JSON, both credentials at once, a path that is not GraphQL's. */
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'SERVICE_UNAVAILABLE',
  /** The masked unexpected: its cause is in the log under the request id. */
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An error on purpose: its message and code are part of the API. It carries no HTTP status by
 * default: a subgraph answering non-2xx makes the gateway replace the message with its own
 * ("401: Unauthorized"), so only request-level errors (a bad token, a rate limit) set
 * `extensions.http`, never errors raised inside resolvers.
 */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.code = code;
    this.name = 'AppError';
  }
}

/** Shorthands for the codes resolvers throw most. */
export const errors = {
  unauthenticated: (message = 'You must be signed in') => new AppError(message, 'UNAUTHENTICATED'),
  forbidden: (message = 'You are not allowed to do this') => new AppError(message, 'FORBIDDEN'),
  notFound: (what: string, id: string) => new AppError(`${what} ${id} not found`, 'NOT_FOUND'),
  badInput: (message: string, field?: string) =>
    new AppError(message, 'BAD_USER_INPUT', field ? { field } : {}),
  invalidState: (message: string) => new AppError(message, 'INVALID_STATE'),
};
