import type { IncomingMessage, Server } from 'node:http';
import type { ApolloGateway } from '@apollo/gateway';
import type { TokenVerifier } from '@travel/auth';
import type { Logger } from '@travel/logger';
import type { GraphQLFormattedError, ValidationRule } from 'graphql';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { CheckOperationCost } from '../demand-control/demand-control.ts';
import type { ApiKeyAuthentication } from '../http/authenticate.ts';
import type { Step } from '../http/request-state.ts';
import type { UnlistedOperations } from '../persisted-queries/unlisted-operations.ts';
import type { PersistedOperationPolicy } from '../request-pipeline/persisted-operation.ts';
import type { ExecuteOperation } from './gateway-execute.ts';
import { createHttpStreamTransport } from './http-stream-transport.ts';
import { httpSubscriptions } from './http-subscriptions.ts';
import type { IdentityLimitsOptions } from './identity-limits.ts';
import type { SubscriptionRateLimit } from './start-subscription.ts';
import { createSubscriptionCore, type Transport } from './subscription-core.ts';
import { createWebSocketTransport } from './websocket-transport.ts';

export { CLOSE } from './websocket-transport.ts';

export interface SubscriptionServerOptions {
  httpServer: Server;
  /** Default `/graphql`: the same URL as HTTP, as Apollo Sandbox expects. */
  path?: string;
  gateway: ApolloGateway;
  execute: ExecuteOperation;
  /**
   * The router's error formatter, for the errors a subscription is refused with (validation,
   * variables, refusals); results of `execute` are formatted already.
   */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  verifier: TokenVerifier;
  /** Partners' API keys (`x-api-key`, or `connectionParams.apiKey`), shared with HTTP. */
  apiKeys?: ApiKeyAuthentication;
  /** Where entity changes come from; none: subscriptions are served but receive nothing. */
  pubsub: PubSubEngine | undefined;
  /** The HTTP validation limits (depth, aliases, cost …) and token limit. */
  validationRules: readonly ValidationRule[];
  /** Demand control's check, the same as over HTTP; none: subscriptions are not costed. */
  checkCost?: CheckOperationCost;
  maxTokens: number;
  /**
   * The persisted query lists and mode, as over HTTP: partners run listed operations only, by
   * id, over every transport. None: any text runs.
   */
  persisted?: PersistedOperationPolicy;
  development: boolean;
  limits: IdentityLimitsOptions;
  /** Ping interval; a socket that does not answer within as long is dropped. */
  keepAliveMs: number;
  /** Heartbeat of multipart and SSE streams (SUBSCRIPTIONS_HTTP_HEARTBEAT_MS). Default 5000 ms. */
  httpHeartbeatMs?: number;
  /**
   * How often an API key's connection asks accounts whether the key still stands (ended when
   * revoked): API_KEY_CACHE_TTL_SECONDS. Default 30000 ms.
   */
  revocationCheckMs?: number;
  /** The client's address of an upgrade request; default the socket's peer. */
  clientAddress?: (req: IncomingMessage) => string;
  /** Spends a starting subscription's cost from the identity's rate limit: refusal or null. */
  rateLimit?: SubscriptionRateLimit;
  /** The HTTP path's report of unlisted operations; none: not counted. */
  unlisted?: UnlistedOperations;
  log: Logger;
}

export interface SubscriptionServer {
  /** Accepts sockets on the path and subscribes to entity changes. */
  start(): void;
  /**
   * Ends every stream (multipart and SSE with a last error part) and socket (1001 Going Away),
   * stops accepting and unsubscribes from events.
   */
  stop(): Promise<void>;
  /**
   * The `/graphql` step before Apollo on the same path: subscriptions over HTTP (multipart,
   * SSE); a subscription sent as a plain query answers 406. After `authenticate` and the JSON
   * body.
   */
  http: Step;
  /** WebSockets open on this instance (authenticated or not yet). */
  readonly sockets: number;
  /** HTTP streams (multipart, SSE) open on this instance. */
  readonly httpStreams: Readonly<Record<'multipart' | 'sse', number>>;
  /** Subscriptions active on this instance, per transport. */
  readonly subscriptions: Readonly<Record<Transport, number>>;
}

/**
 * Subscriptions on the router's own HTTP server and path, over three transports sharing one
 * core (subscription-core.ts): graphql-ws, Apollo's multipart protocol and graphql-sse. The
 * gateway can not execute subscriptions: each event is re-read as a query through it instead
 * (see start-subscription.ts). Connections end on a supergraph change so clients resubscribe
 * against the new schema.
 */
export function createSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { path = '/graphql', log } = options;
  const core = createSubscriptionCore(options);
  const websocket = createWebSocketTransport({ ...options, core, path });
  const streams = createHttpStreamTransport({
    core,
    heartbeatMs: options.httpHeartbeatMs ?? 5000,
    log,
  });
  return {
    start() {
      websocket.start();
      core.start();
    },
    async stop() {
      await core.stop();
      await websocket.stop();
    },
    http: httpSubscriptions({
      list: options.persisted?.list ?? { get: () => undefined },
      maxTokens: options.maxTokens,
      serve: streams,
      stopping: () => core.stopping,
    }),
    get sockets() {
      return websocket.connections;
    },
    get httpStreams() {
      const { multipart, sse } = core.connections;
      return { multipart, sse };
    },
    get subscriptions() {
      return core.subscriptions;
    },
  };
}
