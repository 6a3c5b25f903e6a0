import type { ApolloGateway } from '@apollo/gateway';
import type { Logger } from '@travel/logger';
import type {
  ExecutionArgs,
  FormattedExecutionResult,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  ValidationRule,
} from 'graphql';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { CheckOperationCost } from '../demand-control/demand-control.ts';
import { createEntityChangeSource } from '../events/entity-change-source.ts';
import type { UnlistedOperations } from '../persisted-queries/unlisted-operations.ts';
import type { Session } from '../request-pipeline/authenticate-credentials.ts';
import type { PersistedOperationPolicy } from '../request-pipeline/persisted-operation.ts';
import { createSharedAuthorizations } from './authorize-subscriber.ts';
import { readBindings, type SubscriptionBinding } from './bindings.ts';
import { createSubscriptionDocuments, type SubscriptionDocuments } from './document-cache.ts';
import { createEntityStreams } from './entity-streams.ts';
import type { ExecuteOperation } from './gateway-execute.ts';
import { createIdentityLimits, type IdentityLimitsOptions } from './identity-limits.ts';
import type { SubscribeRequest } from './prepare-subscription.ts';
import { startRevocationCheck } from './revocation-check.ts';
import { type SubscriptionRateLimit, startSubscription } from './start-subscription.ts';
import { unlistedSubscriptions } from './unlisted-operations.ts';
import { readViewerFields } from './viewer-fields.ts';

/** Every transport subscriptions are served over, as metrics label them. */
export const TRANSPORTS = ['websocket', 'multipart', 'sse'] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** Why the router ends a connection; each transport says it its own way. */
export interface Closing {
  /** `refused`: the credentials expired or were revoked. `goingAway`: resubscribe (elsewhere). */
  kind: 'refused' | 'goingAway';
  message: string;
}

/** One WebSocket, or one HTTP stream (multipart, SSE): a session holding a connection slot. */
export interface Connection {
  readonly transport: Transport;
  readonly session: Session;
  readonly clientAddress: string;
  /** Gives the slot back and stops the expiry and revocation timers; a second call does nothing. */
  release(): void;
}

export interface SubscriptionCoreOptions {
  gateway: ApolloGateway;
  execute: ExecuteOperation;
  /** The router's error formatter (the one HTTP uses). */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Where entity changes come from; none: subscriptions are served but receive nothing. */
  pubsub: PubSubEngine | undefined;
  /** The HTTP validation limits (depth, aliases …), the token limit and demand control. */
  validationRules: readonly ValidationRule[];
  checkCost?: CheckOperationCost;
  maxTokens: number;
  /** Persisted query lists and mode, as for HTTP queries; partners run listed ids only. */
  persisted?: PersistedOperationPolicy;
  limits: IdentityLimitsOptions;
  /** How often an API key's connection asks whether the key still stands. Default 30000 ms. */
  revocationCheckMs?: number;
  /** Spends a starting subscription's cost from the identity's rate limit: refusal or null. */
  rateLimit?: SubscriptionRateLimit;
  /** The HTTP path's report of unlisted operations; none: not counted. */
  unlisted?: UnlistedOperations;
  log: Logger;
}

export interface SubscriptionCore {
  /**
   * Takes a connection slot for the session (null: the identity holds too many), and ends the
   * connection through `close` when its token expires, its key is revoked, the supergraph
   * changes or the server stops.
   */
  connect(
    session: Session,
    clientAddress: string,
    transport: Transport,
    close: (closing: Closing) => void,
  ): Connection | null;
  /** Guards and starts one subscription: its stream of formatted results, or the refusals. */
  subscribe(
    connection: Connection,
    request: SubscribeRequest,
  ): Promise<
    | { stream: AsyncGenerator<FormattedExecutionResult>; args: ExecutionArgs }
    | readonly GraphQLError[]
  >;
  /** Refusals as clients see them: through the router's one formatter. */
  formatErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[];
  start(): void;
  /** Ends every connection (goingAway) and unsubscribes from events. */
  stop(): Promise<void>;
  readonly stopping: boolean;
  /** Active subscriptions on this instance, per transport. */
  readonly subscriptions: Readonly<Record<Transport, number>>;
  /** Connections holding a slot on this instance, per transport (an HTTP stream is one). */
  readonly connections: Readonly<Record<Transport, number>>;
}

/**
 * The transport-free part of subscriptions (graphql-ws's shape: one core, thin adapters for
 * WebSocket, multipart and SSE): identity limits, token expiry, revocation checks, the
 * supergraph in service with its Subscription bindings, and the entity streams.
 */
export function createSubscriptionCore(options: SubscriptionCoreOptions): SubscriptionCore {
  const { gateway, log } = options;
  const limits = createIdentityLimits(options.limits);
  const authorizations = createSharedAuthorizations();
  const unlisted = unlistedSubscriptions({
    persisted: options.persisted,
    unlisted: options.unlisted,
  });
  const streams = createEntityStreams({ log });
  const events = options.pubsub
    ? createEntityChangeSource({ pubsub: options.pubsub, log, onEvent: streams.dispatch })
    : undefined;
  const open = new Map<Connection, (closing: Closing) => void>();
  const active: Record<Transport, number> = { websocket: 0, multipart: 0, sse: 0 };
  const connected: Record<Transport, number> = { websocket: 0, multipart: 0, sse: 0 };
  let schema:
    | {
        api: GraphQLSchema;
        sdl: string;
        bindings: Map<string, SubscriptionBinding>;
        viewerFields: ReadonlySet<string>;
        documents: SubscriptionDocuments;
      }
    | undefined;
  let stopping = false;

  const closeAll = (closing: Closing) => {
    for (const close of [...open.values()]) close(closing);
  };
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    const replaced = schema !== undefined && schema.sdl !== coreSupergraphSdl;
    // The Subscription fields' bindings come with the supergraph, on load and on every reload.
    schema = {
      api: apiSchema,
      sdl: coreSupergraphSdl,
      bindings: readBindings(coreSupergraphSdl, log),
      viewerFields: readViewerFields(coreSupergraphSdl),
      // Documents were validated against the schema they came with.
      documents: createSubscriptionDocuments(),
    };
    if (replaced && open.size > 0) {
      log.info({ connections: open.size }, 'supergraph changed: closing subscription connections');
      closeAll({ kind: 'goingAway', message: 'Supergraph changed; reconnect' });
    }
  });

  return {
    connect(session, clientAddress, transport, close) {
      const slot = limits.connection(session.identity);
      if (!slot) return null;
      let expiry: NodeJS.Timeout | undefined;
      if (session.expiresAt !== undefined) {
        const left = Math.min(Math.max(session.expiresAt - Date.now(), 0), 2 ** 31 - 1);
        expiry = setTimeout(() => close({ kind: 'refused', message: 'Token expired' }), left);
        expiry.unref();
      }
      const revocation = startRevocationCheck({
        session,
        everyMs: options.revocationCheckMs ?? 30_000,
        refuse: (message) => close({ kind: 'refused', message }),
        log,
      });
      const connection: Connection = {
        transport,
        session,
        clientAddress,
        release() {
          if (!open.delete(connection)) return;
          connected[transport]--;
          slot.release();
          clearTimeout(expiry);
          clearInterval(revocation);
        },
      };
      open.set(connection, close);
      connected[transport]++;
      return connection;
    },
    async subscribe(connection, request) {
      const started = await startSubscription({
        payload: request,
        session: connection.session,
        clientAddress: connection.clientAddress,
        schema: schema?.api,
        bindings: schema?.bindings ?? new Map(),
        viewerFields: schema?.viewerFields ?? new Set(),
        documents: schema?.documents,
        options,
        limits,
        streams,
        unlisted,
        authorizations,
        // Counted in its transport's gauge from its stream's opening to its end.
        counted() {
          active[connection.transport]++;
          return () => active[connection.transport]--;
        },
        refuse: (message) => open.get(connection)?.({ kind: 'refused', message }),
        log,
      });
      if (Array.isArray(started)) return started;
      const args = started as ExecutionArgs;
      const { stream } = args.contextValue as { stream: AsyncGenerator<FormattedExecutionResult> };
      return { stream, args };
    },
    formatErrors: (errors) => errors.map((error) => options.formatError(error.toJSON(), error)),
    start() {
      if (events) events.start();
      else log.warn('no entity-change source: subscriptions will receive no events');
    },
    async stop() {
      stopping = true;
      closeAll({ kind: 'goingAway', message: 'Server shutting down' });
      await events?.stop();
    },
    get stopping() {
      return stopping;
    },
    get subscriptions() {
      return active;
    },
    get connections() {
      return connected;
    },
  };
}
