import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApolloGateway } from '@apollo/gateway';
import type { TokenVerifier, Viewer } from '@travel/auth';
import type { Logger } from '@travel/logger';
import type {
  ExecutionResult,
  FormattedExecutionResult,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  ValidationRule,
} from 'graphql';
import type { PubSubEngine } from 'graphql-subscriptions';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { CheckOperationCost } from '../demand-control/demand-control.ts';
import { createEntityChangeSource } from '../events/entity-change-source.ts';
import { ApiKeyLookupError } from '../http/api-keys.ts';
import type { ApiKeyAuthentication } from '../http/authenticate.ts';
import { readBindings, type SubscriptionBinding } from './bindings.ts';
import { authenticateConnection, ConnectionRefused, type Session } from './connection-auth.ts';
import { createEntityStreams } from './entity-streams.ts';
import type { ExecuteOperation } from './gateway-execute.ts';
import { createIdentityLimits, type IdentityLimitsOptions, type Slot } from './identity-limits.ts';
import { startRevocationCheck } from './revocation-check.ts';
import { startSubscription } from './start-subscription.ts';

/** Close codes sent by the router (graphql-ws's own: 4400, 4406, 4408, 4409, 4429, 4500). */
export const CLOSE = {
  /** Server shutting down or supergraph replaced: reconnect (graphql-ws clients retry). */
  goingAway: 1001,
  /** Bad or expired credentials (graphql-ws's code for a refused `connection_init`). */
  forbidden: 4403,
  /** The credentials could not be checked now (accounts unreachable): retry later. */
  tryAgainLater: 1013,
  /** The identity holds too many sockets on this instance. */
  tooManyConnections: 4429,
} as const;

/** Largest WebSocket message accepted; a subscribe message is a small document. */
const MAX_MESSAGE_BYTES = 256 * 1024;

export interface SubscriptionServerOptions {
  httpServer: Server;
  /** Default `/graphql`: the same URL as HTTP, as Apollo Sandbox expects. */
  path?: string;
  gateway: ApolloGateway;
  execute: ExecuteOperation;
  /**
   * The router's error formatter, for the errors a subscribe message is answered with
   * (validation, variables, refusals); results of `execute` are formatted already.
   */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  verifier: TokenVerifier;
  /** Partners' API keys (`connectionParams.apiKey`), shared with HTTP. */
  apiKeys?: ApiKeyAuthentication;
  /** Where entity changes come from; none: subscriptions are served but receive nothing. */
  pubsub: PubSubEngine | undefined;
  /** The HTTP validation limits (depth, aliases, cost …) and token limit. */
  validationRules: readonly ValidationRule[];
  /** Demand control's check, the same as over HTTP; none: subscriptions are not costed. */
  checkCost?: CheckOperationCost;
  maxTokens: number;
  development: boolean;
  limits: IdentityLimitsOptions;
  /** Ping interval; a socket that does not answer within as long is dropped. */
  keepAliveMs: number;
  /**
   * How often an API key's socket asks accounts whether the key still stands (closed 4403
   * when revoked): API_KEY_CACHE_TTL_SECONDS. Default 30000 ms.
   */
  revocationCheckMs?: number;
  /** The client's address of an upgrade request; default the socket's peer. */
  clientAddress?: (req: IncomingMessage) => string;
  /** Spends a starting subscription's cost from the identity's rate limit: refusal or null. */
  rateLimit?: (
    viewer: Viewer | null,
    clientAddress: string,
    cost: number,
  ) => Promise<GraphQLError | null>;
  log: Logger;
}

export interface SubscriptionServer {
  /** Accepts sockets on the path and subscribes to entity changes. */
  start(): void;
  /** Closes every socket (1001 Going Away), stops accepting and unsubscribes from events. */
  stop(): Promise<void>;
  /** Sockets open on this instance. */
  readonly connections: number;
  /** Subscriptions active on this instance. */
  readonly subscriptions: number;
}

type Extra = {
  session: Session;
  slot: Slot;
  expiry: NodeJS.Timeout;
  revocation: NodeJS.Timeout | undefined;
  address: string;
};

/**
 * graphql-ws (`graphql-transport-ws`) on the router's own HTTP server and path. The gateway
 * can not execute subscriptions: each event is re-read as a query through it instead (see
 * start-subscription.ts). Sockets are closed on a supergraph change so clients resubscribe
 * against the new schema.
 */
export function createSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { httpServer, gateway, log, path = '/graphql' } = options;
  const limits = createIdentityLimits(options.limits);
  const streams = createEntityStreams({ log });
  const events = options.pubsub
    ? createEntityChangeSource({ pubsub: options.pubsub, log, onEvent: streams.dispatch })
    : undefined;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let schema:
    | { api: GraphQLSchema; sdl: string; bindings: Map<string, SubscriptionBinding> }
    | undefined;
  let stopping = false;

  const closeAll = (reason: string) => {
    for (const socket of wss.clients) socket.close(CLOSE.goingAway, reason);
  };
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    const replaced = schema !== undefined && schema.sdl !== coreSupergraphSdl;
    // The Subscription fields' bindings come with the supergraph, on load and on every reload.
    schema = {
      api: apiSchema,
      sdl: coreSupergraphSdl,
      bindings: readBindings(coreSupergraphSdl, log),
    };
    if (replaced && wss.clients.size > 0) {
      log.info({ sockets: wss.clients.size }, 'supergraph changed: closing subscription sockets');
      closeAll('Supergraph changed; reconnect');
    }
  });

  const server = useServer<Record<string, unknown>, Extra>(
    {
      isProd: !options.development,
      async onConnect({ connectionParams, extra }) {
        const address = options.clientAddress
          ? options.clientAddress(extra.request)
          : (extra.request.socket.remoteAddress ?? 'unknown');
        let session: Session;
        try {
          session = await authenticateConnection(connectionParams, address, options);
        } catch (error) {
          if (error instanceof ApiKeyLookupError) {
            log.warn({ err: error }, 'API key lookup failed');
            extra.socket.close(CLOSE.tryAgainLater, 'The API key could not be verified; try again');
            return false;
          }
          if (!(error instanceof ConnectionRefused)) throw error;
          extra.socket.close(CLOSE.forbidden, error.message);
          return false;
        }
        // Gone while we looked at its credentials: onClose has run, take no slot for it.
        if (extra.socket.readyState !== extra.socket.OPEN) return false;
        const slot = limits.connection(session.identity);
        if (!slot) {
          extra.socket.close(CLOSE.tooManyConnections, 'Too many connections for this identity');
          return false;
        }
        extra.session = session;
        extra.slot = slot;
        extra.address = address;
        if (session.expiresAt !== undefined) {
          const left = Math.min(Math.max(session.expiresAt - Date.now(), 0), 2 ** 31 - 1);
          extra.expiry = setTimeout(
            () => extra.socket.close(CLOSE.forbidden, 'Token expired'),
            left,
          );
          extra.expiry.unref();
        }
        extra.revocation = startRevocationCheck({
          session,
          everyMs: options.revocationCheckMs ?? 30_000,
          refuse: (reason) => extra.socket.close(CLOSE.forbidden, reason),
          log,
        });
        return true;
      },
      onClose({ extra }) {
        extra.slot?.release();
        clearTimeout(extra.expiry);
        clearInterval(extra.revocation);
      },
      async onSubscribe({ extra }, _id, payload) {
        return startSubscription({
          payload,
          // graphql-ws calls onSubscribe only after an acknowledged connection_init.
          session: extra.session as Session,
          clientAddress: extra.address as string,
          schema: schema?.api,
          bindings: schema?.bindings ?? new Map(),
          options,
          limits,
          streams,
          refuse: (reason) => extra.socket.close(CLOSE.forbidden, reason),
          log,
        });
      },
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) => options.formatError(error.toJSON(), error)),
      subscribe: (args) =>
        (args.contextValue as { stream: AsyncGenerator<ExecutionResult> }).stream,
      // Answers are formatted already (the router's formatError ran on them).
      onNext: (_ctx, _id, _payload, _args, result) => result as FormattedExecutionResult,
    },
    wss,
    options.keepAliveMs,
  );

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://router');
    if (url.pathname !== path || stopping) {
      socket.end(`HTTP/1.1 ${stopping ? '503 Service Unavailable' : '404 Not Found'}\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };

  return {
    start() {
      httpServer.on('upgrade', onUpgrade);
      if (events) events.start();
      else log.warn('no entity-change source: subscriptions will receive no events');
    },
    async stop() {
      stopping = true;
      httpServer.off('upgrade', onUpgrade);
      const closed = [...wss.clients].map(
        (socket) => new Promise((resolve) => socket.once('close', resolve)),
      );
      closeAll('Server shutting down');
      // Clients answer the close frame at once; one that does not is cut off.
      const timer = setTimeout(() => {
        for (const socket of wss.clients) socket.terminate();
      }, 2000);
      await Promise.all(closed);
      clearTimeout(timer);
      await server.dispose();
      await events?.stop();
    },
    get connections() {
      return wss.clients.size;
    },
    get subscriptions() {
      return streams.size;
    },
  };
}
