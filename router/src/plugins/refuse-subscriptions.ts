import type { ApolloServerPlugin } from '@apollo/server';
import { AppError } from '@travel/errors';
import type { RouterContext } from '../context.ts';

/**
 * The gateway can not execute a subscription (it would answer 500 with a stack trace in the
 * log). subscriptions/http-subscriptions.ts serves them before Apollo; an operation that still
 * resolves to one here (a body only Apollo's APQ store knew) is refused as a client error.
 */
export function refuseSubscriptionsPlugin(): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new AppError(
            'Send subscriptions with `accept: multipart/mixed;subscriptionSpec=1.0`, ' +
              '`accept: text/event-stream` or over WebSocket',
            'BAD_REQUEST',
            { http: { status: 406 } },
          );
        },
      };
    },
  };
}
