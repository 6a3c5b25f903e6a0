import type { ApolloGateway } from '@apollo/gateway';
import type { Logger } from '@travel/logger';
import {
  type DocumentNode,
  type FormattedExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  getOperationAST,
} from 'graphql';
import type { RouterContext } from '../context.ts';
import { sha256Hex } from '../sha256.ts';

export interface GatewayOperation {
  document: DocumentNode;
  /** The printed document (the gateway keys its query-plan cache by its hash). */
  source: string;
  variables: Record<string, unknown>;
  context: RouterContext;
}

/** Runs one query through the gateway; the answer is formatted for the client. */
export type ExecuteOperation = (operation: GatewayOperation) => Promise<FormattedExecutionResult>;

type RequestContext = Parameters<ApolloGateway['executor']>[0];
type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * The gateway's own executor with a `RouterContext`: the same query planner and subgraph data
 * source as HTTP (the subscriber's `Authorization` and a request id forwarded), but not
 * Apollo's HTTP request pipeline — an event's re-read must never be answered from the response
 * cache, which can still hold the entity as it was before the change. Errors go through the
 * router's `formatError`, as over HTTP.
 */
export function createGatewayExecute(
  gateway: ApolloGateway,
  formatError: FormatError,
  log: Logger,
): ExecuteOperation {
  return async ({ document, source, variables, context }) => {
    const operation = getOperationAST(document);
    if (!gateway.schema || !operation) {
      return { errors: [{ message: 'Not ready', extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
    }
    const requestContext = {
      request: { query: source, variables },
      document,
      source,
      queryHash: sha256Hex(source),
      operationName: operation.name?.value ?? null,
      operation,
      schema: gateway.schema,
      context,
      logger: context.log,
      metrics: {},
      overallCachePolicy: undefined,
    } as unknown as RequestContext;
    try {
      const { data, errors } = await gateway.executor(requestContext);
      return {
        ...(data !== undefined ? { data } : {}),
        ...(errors?.length ? { errors: errors.map((e) => format(formatError, e)) } : {}),
      };
    } catch (error) {
      log.error({ err: error, requestId: context.requestId }, 'gateway execution failed');
      return { data: null, errors: [format(formatError, error)] };
    }
  };
}

function format(formatError: FormatError, error: unknown): GraphQLFormattedError {
  const graphqlError =
    error instanceof GraphQLError
      ? error
      : new GraphQLError(error instanceof Error ? error.message : String(error), {
          originalError: error instanceof Error ? error : undefined,
        });
  return formatError(graphqlError.toJSON(), graphqlError);
}
