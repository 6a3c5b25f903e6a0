import { unwrapResolverError } from '@apollo/server/errors';
import { createErrorFormatter, type ErrorLog } from '@travel/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { withoutSchemaHints } from './schema-hints.ts';

export interface RouterErrorFormatterOptions {
  /**
   * Strip "Did you mean …?" from every message (schema-hints.ts): true outside development.
   * Default true.
   */
  hideSchemaHints?: boolean;
}

/**
 * Apollo's `formatError` for the router.
 * - An error a subgraph answered with (the gateway tags it `extensions.serviceName`) passes:
 *   the subgraph masked its own unexpected errors, and its codes are part of the API.
 * - A subgraph that could not be reached, timed out or answered 5xx arrives as
 *   SERVICE_UNAVAILABLE naming it (the data source's doing) and passes as an error on purpose.
 * - A subgraph's non-2xx answer that still arrives here carries `extensions.response`, whose
 *   text names internal hosts: it is masked, a 401/403 keeping its code.
 * - Everything else goes through the shared formatter: errors on purpose (a subgraph's relayed
 *   answer, GraphQL's own about the request) pass, anything unexpected is masked.
 * - Whatever passes loses its schema hints (`hideSchemaHints`): every error a client sees over
 *   HTTP or WebSocket comes through here.
 */
export function createRouterErrorFormatter(
  log: ErrorLog,
  { hideSchemaHints = true }: RouterErrorFormatterOptions = {},
) {
  const format = formatRouterError(log);
  if (!hideSchemaHints) return format;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const answer = format(formatted, error);
    const message = withoutSchemaHints(answer.message);
    return message === answer.message ? answer : { ...answer, message };
  };
}

function formatRouterError(log: ErrorLog) {
  const mask = createErrorFormatter(log);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (!(error instanceof GraphQLError)) return mask(formatted, error);
    const failedCall = [error, unwrapResolverError(error)].find(
      (e): e is GraphQLError => e instanceof GraphQLError && 'response' in e.extensions,
    );
    if (failedCall) {
      log.error({ err: failedCall, path: formatted.path }, 'subgraph call failed');
      const code = failedCall.extensions.code;
      const refused = code === 'UNAUTHENTICATED' || code === 'FORBIDDEN';
      return {
        message: refused ? 'A subgraph refused the credentials' : 'Internal server error',
        extensions: { code: refused ? code : 'INTERNAL_SERVER_ERROR' },
        ...(formatted.path ? { path: formatted.path } : {}),
      };
    }
    return mask(formatted, error);
  };
}
