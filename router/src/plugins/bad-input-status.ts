import type { ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { RouterContext } from '../context.ts';

/** True when the result holds no data and every error is the client's fault. */
export function isBadInputOnly(result: FormattedExecutionResult): boolean {
  const { data, errors } = result;
  return (
    data === null &&
    errors !== undefined &&
    errors.length > 0 &&
    errors.every((error) => error.extensions?.code === 'BAD_USER_INPUT')
  );
}

/**
 * GraphQL answers 200 when a resolver refuses its arguments (a negative `first` refused by a
 * subgraph). When nothing came back and every error is BAD_USER_INPUT, the client sent a bad
 * request: answer HTTP 400 so clients, caches and dashboards see a 4xx, as for invalid queries.
 */
export function badInputStatusPlugin(): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !isBadInputOnly(response.body.singleResult)) {
            return;
          }
          if (response.http.status === undefined || response.http.status === 200) {
            response.http.status = 400;
          }
        },
      };
    },
  };
}
