import type { IncomingMessage, Server } from 'node:http';
import type { ApolloGateway } from '@apollo/gateway';
import { createTokenVerifier } from '@travel/auth';
import type { Logger } from '@travel/logger';
import type { ValidationRule } from 'graphql';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import { createRouterErrorFormatter } from '../format-error.ts';
import type { ApiKeyAuthentication } from '../http/authenticate.ts';
import { rateLimitIdentity } from '../rate-limits/identity.ts';
import { rateLimitedError } from '../rate-limits/rate-limited-error.ts';
import type { RateLimits } from '../rate-limits/rate-limits.ts';
import { createGatewayExecute } from './gateway-execute.ts';
import { registerSubscriptionMetrics } from './metrics.ts';
import { createSubscriptionServer, type SubscriptionServer } from './subscription-server.ts';

export interface RouterSubscriptionsOptions {
  config: Pick<
    Config,
    | 'JWT_SECRET'
    | 'NODE_ENV'
    | 'MAX_TOKENS'
    | 'SUBSCRIPTIONS_MAX_CONNECTIONS_PER_IDENTITY'
    | 'SUBSCRIPTIONS_MAX_PER_IDENTITY'
    | 'SUBSCRIPTIONS_KEEPALIVE_MS'
  >;
  log: Logger;
  httpServer: Server;
  gateway: ApolloGateway;
  /** Booking events: RedisPubSub over the router's connections, or the in-process engine. */
  pubsub: PubSubEngine | undefined;
  apiKeys: ApiKeyAuthentication;
  /** The same limits as HTTP operations. */
  validationRules: readonly ValidationRule[];
  /** The router's metrics registry: gauges of sockets and subscriptions. */
  registry: Registry;
  /** The client's address of an upgrade request (the HTTP rule: TRUSTED_PROXIES). */
  clientAddress: (req: IncomingMessage) => string;
  /** The HTTP rate limits; a subscription start spends from the same window. */
  rateLimits: RateLimits;
}

/** The router's subscriptions, configured from its config (see subscription-server.ts). */
export function createRouterSubscriptions(options: RouterSubscriptionsOptions): SubscriptionServer {
  const { config, log, gateway } = options;
  const server = createSubscriptionServer({
    httpServer: options.httpServer,
    gateway,
    execute: createGatewayExecute(gateway, createRouterErrorFormatter(log), log),
    verifier: createTokenVerifier({ secret: config.JWT_SECRET }),
    apiKeys: options.apiKeys,
    pubsub: options.pubsub,
    validationRules: options.validationRules,
    maxTokens: config.MAX_TOKENS,
    development: config.NODE_ENV === 'development',
    limits: {
      maxConnections: config.SUBSCRIPTIONS_MAX_CONNECTIONS_PER_IDENTITY,
      maxSubscriptions: config.SUBSCRIPTIONS_MAX_PER_IDENTITY,
    },
    keepAliveMs: config.SUBSCRIPTIONS_KEEPALIVE_MS,
    clientAddress: options.clientAddress,
    // One point per subscription started, from the identity's HTTP window.
    async rateLimit(viewer, address) {
      const decision = await options.rateLimits.spend(rateLimitIdentity(viewer, address), 1);
      return decision.allowed ? null : rateLimitedError(decision, false);
    },
    log: log.child({ component: 'subscriptions' }),
  });
  registerSubscriptionMetrics(options.registry, {
    connections: () => server.connections,
    subscriptions: () => server.subscriptions,
  });
  return server;
}
