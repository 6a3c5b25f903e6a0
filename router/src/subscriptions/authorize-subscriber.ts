import { errors } from '@travel/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { SubscriptionBinding } from './bindings.ts';
import type { GatewayOperation } from './gateway-execute.ts';

/** Runs a query through the gateway as the subscriber. */
export type RunAsSubscriber = (
  operation: Omit<GatewayOperation, 'context'>,
) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>;

/**
 * Asks the owning subgraph whether the subscriber may follow: the binding's `authorize` query
 * with the field's arguments, as the subscriber. Allowed when it answers a value; a null answer
 * (not theirs, or no such id: the two read alike, so ids can not be probed) is FORBIDDEN; an
 * error of the query (UNAUTHENTICATED, a subgraph down) is passed on with its code.
 */
export async function authorizeSubscriber(
  binding: SubscriptionBinding,
  args: Readonly<Record<string, unknown>>,
  run: RunAsSubscriber,
): Promise<GraphQLError | undefined> {
  const { authorize } = binding;
  if (!authorize) return undefined;
  const variables = Object.fromEntries(authorize.variables.map((name) => [name, args[name]]));
  const result = await run({ document: authorize.document, source: authorize.source, variables });
  const allowed = result.data?.allowed;
  if (allowed !== null && allowed !== undefined && allowed !== false && !result.errors?.length) {
    return undefined;
  }
  return firstError(result.errors) ?? errors.forbidden(`You may not follow ${binding.field}`);
}

/** The query's own error (a subgraph down, a malformed id), passed on with its code. */
function firstError(list: readonly GraphQLFormattedError[] | undefined): GraphQLError | undefined {
  const first = list?.[0];
  return first && new GraphQLError(first.message, { extensions: first.extensions });
}

/** Asks one authorization question once while it is being asked (see createSharedAuthorizations). */
export type SharedAuthorizations = (
  key: string,
  ask: () => Promise<GraphQLError | undefined>,
) => Promise<GraphQLError | undefined>;

/**
 * Authorizations in flight, shared by key (the subscriber's credentials, the field and the
 * arguments its `authorize` query reads): one user's app subscribing `bookingUpdated(id: b1)`
 * with three selections on two sockets asks the subgraph once, not six times. When 2,000
 * sockets reconnect at once (a router restart), that is the difference between one read per
 * question and a burst that times the subgraphs out. Nothing is kept once answered: the next
 * subscription asks again, so a revocation is seen at once.
 */
export function createSharedAuthorizations(): SharedAuthorizations {
  const inFlight = new Map<string, Promise<GraphQLError | undefined>>();
  return (key, ask) => {
    let answer = inFlight.get(key);
    if (!answer) {
      answer = ask().finally(() => inFlight.delete(key));
      inFlight.set(key, answer);
    }
    return answer;
  };
}
