import type { IncomingMessage, Server } from 'node:http';
import type { ApolloGateway } from '@apollo/gateway';
import type { TokenVerifier } from '@travel/auth';
import type { Logger } from '@travel/logger';
import type { GraphQLFormattedError, ValidationRule } from 'graphql';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import type { CheckOperationCost } from '../demand-control/demand-control.ts';
import type { ApiKeyAuthentication } from '../http/authenticate.ts';
import type { UnlistedOperations } from '../persisted-queries/unlisted-operations.ts';
import { rateLimitIdentity } from '../rate-limits/identity.ts';
import { rateLimitedError } from '../rate-limits/rate-limited-error.ts';
import type { RateLimits } from '../rate-limits/rate-limits.ts';
import type { PersistedOperationPolicy } from '../request-pipeline/persisted-operation.ts';
import { createGatewayExecute } from './gateway-execute.ts';
import { registerSubscriptionMetrics } from './metrics.ts';
import { createSubscriptionServer, type SubscriptionServer } from './subscription-server.ts';

export interface RouterSubscriptionsOptions {
  config: Pick<
    Config,
    | 'NODE_ENV'
    | 'MAX_TOKENS'
    | 'SUBSCRIPTIONS_MAX_CONNECTIONS_PER_IDENTITY'
    | 'SUBSCRIPTIONS_MAX_PER_IDENTITY'
    | 'SUBSCRIPTIONS_KEEPALIVE_MS'
    | 'SUBSCRIPTIONS_HTTP_HEARTBEAT_MS'
    | 'API_KEY_CACHE_TTL_SECONDS'
  >;
  log: Logger;
  /** The router's token verifier, shared with HTTP (one cache of verified tokens). */
  verifier: TokenVerifier;
  httpServer: Server;
  gateway: ApolloGateway;
  /** Entity changes: RedisPubSub over the router's connections, or the in-process engine. */
  pubsub: PubSubEngine | undefined;
  apiKeys: ApiKeyAuthentication;
  /** The same limits as HTTP operations. */
  validationRules: readonly ValidationRule[];
  /** Demand control's check, the same as for HTTP operations. */
  checkCost: CheckOperationCost;
  /** The router's one error formatter (format-error.ts), the one Apollo Server uses. */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** The persisted query lists and mode HTTP queries are held to. */
  persisted: PersistedOperationPolicy;
  /** The persisted queries' report of unlisted operations, which HTTP uses too. */
  unlisted: UnlistedOperations;
  /** The router's metrics registry: gauges of sockets and subscriptions. */
  registry: Registry;
  /** The client's address of an upgrade request (the HTTP rule: TRUSTED_PROXIES). */
  clientAddress: (req: IncomingMessage) => string;
  /** The HTTP rate limits; a subscription start spends from the same window. */
  rateLimits: RateLimits;
}

/** The router's subscriptions, configured from its config (see subscription-server.ts). */
export function createRouterSubscriptions(options: RouterSubscriptionsOptions): SubscriptionServer {
  const { config, log, gateway, formatError } = options;
  const server = createSubscriptionServer({
    httpServer: options.httpServer,
    gateway,
    execute: createGatewayExecute(gateway, formatError, log),
    formatError,
    verifier: options.verifier,
    apiKeys: options.apiKeys,
    pubsub: options.pubsub,
    validationRules: options.validationRules,
    checkCost: options.checkCost,
    maxTokens: config.MAX_TOKENS,
    persisted: options.persisted,
    httpHeartbeatMs: config.SUBSCRIPTIONS_HTTP_HEARTBEAT_MS,
    development: config.NODE_ENV === 'development',
    limits: {
      maxConnections: config.SUBSCRIPTIONS_MAX_CONNECTIONS_PER_IDENTITY,
      maxSubscriptions: config.SUBSCRIPTIONS_MAX_PER_IDENTITY,
    },
    keepAliveMs: config.SUBSCRIPTIONS_KEEPALIVE_MS,
    // A revoked key's socket closes within the time a revoked key keeps working over HTTP.
    revocationCheckMs: config.API_KEY_CACHE_TTL_SECONDS * 1000,
    clientAddress: options.clientAddress,
    // A subscription started spends its estimated cost from the identity's HTTP window.
    async rateLimit(viewer, address, cost) {
      const decision = await options.rateLimits.spend(rateLimitIdentity(viewer, address), cost);
      return decision.allowed ? null : rateLimitedError(decision, false);
    },
    // The HTTP path's report: unlisted subscriptions count (and log) with unlisted queries.
    unlisted: options.unlisted,
    log: log.child({ component: 'subscriptions' }),
  });
  registerSubscriptionMetrics(options.registry, {
    sockets: () => server.sockets,
    httpStreams: () => server.httpStreams,
    subscriptions: () => server.subscriptions,
  });
  return server;
}
