import type { ApolloServerPlugin } from '@apollo/server';
import type { RouterContext } from '../context.ts';
import { rateLimitHeaders } from './headers.ts';
import { rateLimitIdentity } from './identity.ts';
import { rateLimitedError } from './rate-limited-error.ts';
import type { RateLimitDecision, RateLimits } from './rate-limits.ts';

const identityOf = ({ viewer, clientAddress }: RouterContext) =>
  rateLimitIdentity(viewer, clientAddress);

/**
 * Spends each HTTP operation's estimated cost (`operationCost`, left by demand control, which
 * must be registered before this plugin and set it before its first await; 1 until it does)
 * from the caller's window in `didResolveOperation`: before the response cache is looked up
 * and before any subgraph is called. A cached answer therefore costs what the operation is
 * estimated to cost: a client's budget does not depend on what others warmed the cache with.
 * Over the limit: HTTP 429, `Retry-After`, RATE_LIMITED. A request refused before it resolved
 * (unparsable, invalid, unknown persisted query) spends 1 point when it is answered. Every
 * answer carries `RateLimit-Policy` and, when the limiter answered, `RateLimit`. A spend the
 * fast path made ahead (`earlierSpend`) is taken over when its cost is the operation's, else it
 * stands and the operation's cost is spent too: never less than the cost. When the server
 * stops (after HTTP drained, before Redis closes), what was allowed without Redis is sent.
 */
export function rateLimitPlugin(limits: RateLimits): ApolloServerPlugin<RouterContext> {
  return {
    async serverWillStart() {
      return {
        serverWillStop: () => limits.flush(),
      };
    },
    async requestDidStart({ request }) {
      // Only client requests over HTTP: anything else the router runs is not a client's spend.
      if (!request.http) return;
      // The spend itself, so an answer sent while it is under way does not spend twice.
      let spent: RateLimitDecision | Promise<RateLimitDecision> | undefined;
      return {
        async didResolveOperation({ contextValue }) {
          const cost = contextValue.operationCost ?? 1;
          const earlier = contextValue.earlierSpend;
          spent =
            earlier?.cost === cost
              ? earlier.decision
              : limits.spend(identityOf(contextValue), cost);
          const decision = await spent;
          if (!decision.allowed) throw rateLimitedError(decision);
        },
        async willSendResponse({ contextValue, response }) {
          spent ??=
            contextValue.earlierSpend?.decision ?? limits.spend(identityOf(contextValue), 1);
          const decision = await spent;
          for (const [name, value] of Object.entries(rateLimitHeaders(decision))) {
            response.http.headers.set(name, value);
          }
        },
      };
    },
  };
}
