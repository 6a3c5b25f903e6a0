import { randomUUID } from 'node:crypto';
import type { Viewer } from '@travel/auth';
import { AppError, errors } from '@travel/errors';
import type { Logger } from '@travel/logger';
import { type ExecutionArgs, GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { RouterContext } from '../context.ts';
import type { CheckOperationCost } from '../demand-control/demand-control.ts';
import { CredentialsRefused, type Session } from '../request-pipeline/authenticate-credentials.ts';
import type { PersistedOperationPolicy } from '../request-pipeline/persisted-operation.ts';
import { authorizeSubscriber, type SharedAuthorizations } from './authorize-subscriber.ts';
import type { SubscriptionBinding } from './bindings.ts';
import type { SubscriptionDocuments } from './document-cache.ts';
import { toEntityQuery } from './entity-query.ts';
import { type EntityStreams, SHARED_SCOPE } from './entity-streams.ts';
import type { ExecuteOperation } from './gateway-execute.ts';
import type { IdentityLimits } from './identity-limits.ts';
import { prepareSubscription, type SubscribeRequest } from './prepare-subscription.ts';
import { stateFieldsOf } from './state-overlay.ts';
import type { UnlistedSubscriptions } from './unlisted-operations.ts';
import { selectsViewerField } from './viewer-fields.ts';

/** Spends a starting subscription's cost from the identity's rate limit: the refusal, or null. */
export type SubscriptionRateLimit = (
  viewer: Viewer | null,
  clientAddress: string,
  cost: number,
) => Promise<GraphQLError | null>;

export interface StartSubscriptionInput {
  payload: SubscribeRequest;
  session: Session;
  /** The connection's client address (TRUSTED_PROXIES applied). */
  clientAddress: string;
  /** The API schema in service; undefined before the supergraph is loaded. */
  schema: GraphQLSchema | undefined;
  /** The supergraph's Subscription bindings (`@follows`): field name → binding. */
  bindings: ReadonlyMap<string, SubscriptionBinding>;
  /** Fields whose value depends on the viewer (viewer-fields.ts): `Type.field`. */
  viewerFields: ReadonlySet<string>;
  /** What subscriptions of one text share under this schema (document, re-read query). */
  documents: SubscriptionDocuments | undefined;
  options: {
    execute: ExecuteOperation;
    validationRules: readonly ValidationRule[];
    checkCost?: CheckOperationCost;
    maxTokens: number;
    /** Persisted query lists and mode, as over HTTP. */
    persisted?: PersistedOperationPolicy;
    /** Spends the operation's cost from the identity's rate limit: the refusal, or null. */
    rateLimit?: SubscriptionRateLimit;
  };
  limits: IdentityLimits;
  streams: EntityStreams;
  /** Authorization questions in flight, asked once for every subscription asking them. */
  authorizations: SharedAuthorizations;
  /** `graphql_unlisted_operations_total` for subscriptions. */
  unlisted: UnlistedSubscriptions;
  /** Counts the subscription as active once its stream opens; the answer uncounts it. */
  counted(): () => void;
  /** Ends the connection: its credentials were revoked while it was open. */
  refuse(reason: string): void;
  log: Logger;
}

const unavailable = {
  message: 'Could not verify the credentials; try again',
  extensions: { code: 'SERVICE_UNAVAILABLE' },
};

/**
 * Every transport's start of a subscription (subscription-core.ts): errors (returned, so the
 * connection stays open) or the arguments whose `contextValue.stream` is read. In order: the document
 * (validated before anything else), the viewer, the field's authorization (its binding's query,
 * asked through the gateway as the subscriber), the identity's rate limit and subscription limit; then the stream.
 */
export async function startSubscription(
  input: StartSubscriptionInput,
): Promise<ExecutionArgs | readonly GraphQLError[]> {
  const { payload, session, schema, options, limits } = input;
  if (!schema) return [new AppError('The supergraph is not loaded yet', 'SERVICE_UNAVAILABLE')];
  const partner = session.viewer?.apiKeyId !== undefined;
  const prepared = prepareSubscription(
    payload,
    {
      schema,
      rules: options.validationRules,
      checkCost: options.checkCost,
      maxTokens: options.maxTokens,
      persisted: options.persisted,
      documents: input.documents,
    },
    { partner },
  );
  if (Array.isArray(prepared)) {
    input.unlisted.refused(prepared);
    return prepared;
  }
  const { text, document, operation, root, args, variables, cost } = prepared as Exclude<
    typeof prepared,
    readonly GraphQLError[]
  >;
  input.unlisted.ran(text, operation.name?.value, partner);

  const fieldName = root.name.value;
  const binding = input.bindings.get(fieldName);
  if (!binding) {
    return [
      new GraphQLError(`${fieldName} is not served`, { extensions: { code: 'BAD_REQUEST' } }),
    ];
  }
  const { viewer } = session;
  if (!viewer) return [errors.unauthenticated()];
  const requestId = randomUUID();
  const log = input.log.child({ requestId, subscription: fieldName });
  // Per operation: a partner's forwarded token is renewed while the connection lives.
  const contextNow = async (): Promise<RouterContext> => ({
    viewer,
    authorization: await session.authorization(),
    requestId,
    clientAddress: input.clientAddress,
    log,
  });
  let context: RouterContext;
  try {
    context = await contextNow();
  } catch (error) {
    if (error instanceof CredentialsRefused) input.refuse(error.message);
    return [new AppError(unavailable.message, 'SERVICE_UNAVAILABLE')];
  }
  const question = binding.authorize?.variables.map((name) => args[name]);
  const refused = await input.authorizations(
    JSON.stringify([session.credentialKey, fieldName, question]),
    () =>
      authorizeSubscriber(binding, args, (operation) => options.execute({ ...operation, context })),
  );
  if (refused) return [refused];
  // Spent once the operation is known to be served, before its slot and stream are taken.
  const limited = await options.rateLimit?.(viewer, input.clientAddress, cost ?? 1);
  if (limited) return [limited];
  const slot = limits.subscription(session.identity);
  if (!slot) return [new AppError('Too many subscriptions for this identity', 'RATE_LIMITED')];

  const { query, stateFields } = input.documents
    ? input.documents.entityQuery(document, operation, root, binding.read)
    : {
        query: toEntityQuery(document, operation, root, binding.read),
        stateFields: stateFieldsOf(document, root.selectionSet),
      };
  const used = Object.fromEntries(
    query.variableNames.filter((name) => name in variables).map((name) => [name, variables[name]]),
  );
  const uncount = input.counted();
  // Members of an event's audience all may see its entity: a selection that reads the same for
  // every viewer is read once for all of them, whoever they are (entity-streams.ts).
  const shared = !selectsViewerField(schema, query.document, input.viewerFields);
  const scope = shared ? SHARED_SCOPE : session.credentialKey;
  const stream = input.streams.open(
    {
      audience: binding.audience.render(args, viewer.userId),
      entityType: binding.entity,
      key: JSON.stringify([scope, query.source, used]),
      scope,
      shared,
      read: { query, variables: used },
      responseKey: query.responseKey,
      stateFields,
      async run(operation) {
        let context: RouterContext;
        try {
          context = await contextNow();
        } catch (error) {
          // Revoked: the connection is being closed, the event is not theirs any more.
          if (error instanceof CredentialsRefused) {
            input.refuse(error.message);
            return { data: null };
          }
          log.warn({ err: error }, 'credentials could not be renewed');
          return { data: null, errors: [unavailable] };
        }
        return options.execute({ ...operation, context });
      },
    },
    () => {
      slot.release();
      uncount();
    },
  );
  log.debug('subscribed');
  return { schema, document, variableValues: variables, contextValue: { stream } };
}
