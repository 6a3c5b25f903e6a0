import type { ApolloServerPlugin } from '@apollo/server';
import type { RouterContext } from '../context.ts';

/**
 * The `Cache-Control` of every GraphQL answer, for browsers and CDNs: `max-age=N, public` or
 * `private` from the operation's policy (the gateway merged the subgraphs' headers into it,
 * or a cache hit restored it), and `no-store` for mutations, errors and anything without a
 * policy. Apollo's own header is turned off (server.ts): it would let a mutation's answer be
 * cached, since the subgraphs send hints for the types a mutation returns.
 */
export function cacheControlHeaderPlugin(): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, response, overallCachePolicy }) {
          const policy = overallCachePolicy.policyIfCacheable();
          const cacheable =
            policy &&
            operation?.operation === 'query' &&
            response.body.kind === 'single' &&
            !response.body.singleResult.errors;
          response.http.headers.set(
            'cache-control',
            cacheable ? `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}` : 'no-store',
          );
        },
      };
    },
  };
}
