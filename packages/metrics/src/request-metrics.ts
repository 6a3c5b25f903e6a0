import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContextWillSendResponse,
} from '@apollo/server';
import { ERROR_CODES } from '@travel/errors';
import type { GraphQLFormattedError } from 'graphql';
import { Counter, Histogram, type Registry } from 'prom-client';

/** The labels of the router's operations: bounded by the caller (see operation-labels.ts). */
export interface OperationLabels {
  operation_name: string;
  client_name: string;
}

export interface RequestMetricsOptions<Ctx extends BaseContext> {
  registry: Registry;
  /**
   * Labels each operation by name and client. Default none: a subgraph's callers are the
   * routers, which already count per operation and client (and name their fetches after the
   * client's operation, which would multiply the series for nothing).
   */
  operationLabels?(requestContext: GraphQLRequestContextWillSendResponse<Ctx>): OperationLabels;
}

const publicCodes = new Set<string>(ERROR_CODES);

/**
 * The duration's labels of one answered operation. Written out, not spread: prom-client walks
 * and hashes the labels object on every observation, about four times slower on an object a
 * spread made than on a literal of one fixed shape.
 */
export function outcomeLabels(labels: OperationLabels, outcome: 'ok' | 'error') {
  return { operation_name: labels.operation_name, client_name: labels.client_name, outcome };
}

/**
 * `graphql_request_duration_seconds{outcome[,operation_name,client_name]}`: time to answer one
 * operation, `ok` or `error` (any error in the response); its `_count` is the request rate.
 * `graphql_request_errors_total{code}`: responses carrying an error, once per distinct
 * `extensions.code` per response (codes outside the public list count as `OTHER`), so a rate
 * of INTERNAL_SERVER_ERROR over the request rate is the share of requests that failed so.
 */
export function requestMetricsPlugin<Ctx extends BaseContext>(
  options: RequestMetricsOptions<Ctx>,
): ApolloServerPlugin<Ctx> {
  const { registry, operationLabels } = options;
  const labelNames = operationLabels
    ? (['operation_name', 'client_name', 'outcome'] as const)
    : (['outcome'] as const);
  const duration = new Histogram<string>({
    name: 'graphql_request_duration_seconds',
    help: 'Time to answer one GraphQL operation, by outcome (and, at the router, operation and client)',
    labelNames,
    registers: [registry],
  });
  const errorResponses = new Counter<'code'>({
    name: 'graphql_request_errors_total',
    help: 'GraphQL responses carrying an error, once per distinct extensions.code per response',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  return {
    async requestDidStart() {
      // Not `duration.startTimer()`: its closures and label merging cost more per request
      // than the rest of this plugin.
      const startedAt = performance.now();
      return {
        async willSendResponse(requestContext) {
          const errors = errorsOf(requestContext.response.body);
          const outcome = errors.length > 0 ? 'error' : 'ok';
          const labels = operationLabels
            ? outcomeLabels(operationLabels(requestContext), outcome)
            : { outcome };
          duration.observe(labels, (performance.now() - startedAt) / 1000);
          if (errors.length === 0) return;
          for (const code of new Set(errors.map(codeOf))) errorResponses.inc({ code });
        },
      };
    },
  };
}

type ResponseBody = GraphQLRequestContextWillSendResponse<BaseContext>['response']['body'];

function errorsOf(body: ResponseBody): readonly GraphQLFormattedError[] {
  const result = body.kind === 'single' ? body.singleResult : body.initialResult;
  return result.errors ?? [];
}

function codeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' && publicCodes.has(code) ? code : 'OTHER';
}
