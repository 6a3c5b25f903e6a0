import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '@travel/logger';
import type { ExecutionResult, FormattedExecutionResult } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ApiKeyLookupError } from '../http/api-keys.ts';
import {
  type AuthenticateCredentialsOptions,
  authenticateCredentials,
  CredentialsRefused,
  credentialsFromConnectionParams,
} from '../request-pipeline/authenticate-credentials.ts';
import type { Closing, Connection, SubscriptionCore } from './subscription-core.ts';

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

export interface WebSocketTransportOptions extends AuthenticateCredentialsOptions {
  core: SubscriptionCore;
  httpServer: Server;
  path: string;
  development: boolean;
  /** Ping interval; a socket that does not answer within as long is dropped. */
  keepAliveMs: number;
  /** The client's address of an upgrade request; default the socket's peer. */
  clientAddress?: (req: IncomingMessage) => string;
  log: Logger;
}

type Extra = { connection?: Connection };

const codeOf = (closing: Closing) =>
  closing.kind === 'refused' ? CLOSE.forbidden : CLOSE.goingAway;

/**
 * graphql-ws (`graphql-transport-ws`) on the router's own HTTP server and path: a thin adapter
 * over the subscription core. `connectionParams` are the request's headers (`authorization`,
 * `x-api-key`/`apiKey`), authenticated by the function HTTP uses; refusals close the socket.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions) {
  const { core, httpServer, log, path } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  const server = useServer<Record<string, unknown>, Extra>(
    {
      isProd: !options.development,
      async onConnect({ connectionParams, extra }) {
        const address = options.clientAddress
          ? options.clientAddress(extra.request)
          : (extra.request.socket.remoteAddress ?? 'unknown');
        const { socket } = extra;
        try {
          const credentials = credentialsFromConnectionParams(connectionParams);
          const session = await authenticateCredentials(credentials, address, options);
          // Gone while we looked at its credentials: onClose has run, take no slot for it.
          if (socket.readyState !== socket.OPEN) return false;
          const connection = core.connect(session, address, 'websocket', (closing) =>
            socket.close(codeOf(closing), closing.message),
          );
          if (!connection) {
            socket.close(CLOSE.tooManyConnections, 'Too many connections for this identity');
            return false;
          }
          extra.connection = connection;
          return true;
        } catch (error) {
          if (error instanceof ApiKeyLookupError) {
            log.warn({ err: error }, 'API key lookup failed');
            socket.close(CLOSE.tryAgainLater, 'The API key could not be verified; try again');
            return false;
          }
          if (!(error instanceof CredentialsRefused)) throw error;
          socket.close(CLOSE.forbidden, error.message);
          return false;
        }
      },
      onClose({ extra }) {
        extra.connection?.release();
      },
      async onSubscribe({ extra }, _id, payload) {
        // graphql-ws calls onSubscribe only after an acknowledged connection_init.
        const started = await core.subscribe(extra.connection as Connection, payload);
        return 'args' in started ? started.args : started;
      },
      onError: (_ctx, _id, _payload, errors) => core.formatErrors(errors),
      // Results are formatted already; graphql-ws passes them to onNext as they are.
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
    if (url.pathname !== path || core.stopping) {
      socket.end(`HTTP/1.1 ${core.stopping ? '503 Service Unavailable' : '404 Not Found'}\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };

  return {
    start() {
      httpServer.on('upgrade', onUpgrade);
    },
    /** After the core closed every socket (1001): waits for them, cutting off the silent. */
    async stop() {
      httpServer.off('upgrade', onUpgrade);
      const closed = [...wss.clients].map(
        (socket) => new Promise((resolve) => socket.once('close', resolve)),
      );
      for (const socket of wss.clients) socket.close(CLOSE.goingAway, 'Server shutting down');
      // Clients answer the close frame at once; one that does not is cut off.
      const timer = setTimeout(() => {
        for (const socket of wss.clients) socket.terminate();
      }, 2000);
      await Promise.all(closed);
      clearTimeout(timer);
      await server.dispose();
    },
    get connections() {
      return wss.clients.size;
    },
  };
}
