import type { ApolloServerPlugin } from '@apollo/server';
import type { Histogram } from 'prom-client';
import type { RouterContext } from '../context.ts';

/** Times every GraphQL operation into `graphql_request_duration_seconds`, by outcome. */
export function metricsPlugin(duration: Histogram<'outcome'>): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : [];
          stop({ outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
