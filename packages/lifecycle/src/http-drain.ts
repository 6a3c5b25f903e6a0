import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface HttpDrainOptions {
  /**
   * Longest wait, once the server stops accepting, for the requests in flight; connections
   * still open after it are closed (their requests are lost, and counted). Default 10000 ms.
   */
  timeoutMs?: number;
}

export interface HttpDrain {
  /** True from `announce()` or `close()` on: readiness answers 503, requests are still served. */
  readonly draining: boolean;
  /** Responses begun and not yet finished. */
  readonly inFlight: number;
  /**
   * Shutdown is coming: readiness turns 503 and every response from now on says
   * `Connection: close`, so clients and balancers open their next connection elsewhere.
   * The server keeps accepting and serving.
   */
  announce(): void;
  /**
   * Stops accepting (a new connection is refused, not reset), closes idle keep-alive
   * connections, lets every request in flight finish (its connection closes after its
   * response) and resolves when the last connection is gone: true, or false when `timeoutMs`
   * ran out and what was left had to be cut. Idempotent.
   */
  close(): Promise<boolean>;
}

/** The latest response begun on a socket and not yet closed. */
const LATEST = Symbol('latestResponse');
type TrackedSocket = Socket & { [LATEST]?: ServerResponse };

/**
 * The shutdown half of an HTTP server, on Node's own means (`server.close()` refuses new
 * connections, `closeIdleConnections()`). Written here rather than taken from Apollo's drain
 * plugin or `stoppable`/`http-terminator`: those end a keep-alive socket right after its last
 * response, which races a request the client is sending on it (ECONNRESET), and
 * `http-terminator` keeps accepting until the end. Saying `Connection: close` in the response
 * itself is what lets the client know before it reuses the socket.
 */
export function createHttpDrain(server: Server, options: HttpDrainOptions = {}): HttpDrain {
  const { timeoutMs = 10_000 } = options;
  // Responses in flight are counted, and each socket knows its latest: no set of responses,
  // whose churn (one add and one delete per request, dozens alive while requests wait on I/O)
  // made V8 promote what every waiting request held (measured: scavenges 4x longer, old space
  // growing ~2 MB per scavenge).
  const sockets = new Set<TrackedSocket>();
  let inFlight = 0;
  let draining = false;
  let closing: Promise<boolean> | undefined;

  const sayClose = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };

  server.on('connection', (socket: TrackedSocket) => {
    // Set on every socket as it comes: one shape for all of them.
    socket[LATEST] = undefined;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  // One listener for every response ('close' comes once): no closure made per request.
  function closed(this: ServerResponse) {
    inFlight -= 1;
    const socket: TrackedSocket = this.req.socket;
    if (socket[LATEST] === this) socket[LATEST] = undefined;
    // A response that had already sent its headers left its connection open and idle.
    if (closing) server.closeIdleConnections();
  }

  // First of the request listeners, so it runs before the app can have answered.
  server.prependListener('request', (req, res: ServerResponse) => {
    inFlight += 1;
    (req.socket as TrackedSocket)[LATEST] = res;
    if (draining) sayClose(res);
    res.on('close', closed);
  });

  const announce = () => {
    if (draining) return;
    draining = true;
    // A socket's latest response: with pipelined requests, the earlier ones still complete.
    for (const socket of sockets) {
      const res = socket[LATEST];
      if (res) sayClose(res);
    }
  };

  const drain = async (): Promise<boolean> => {
    announce();
    const closed = new Promise<void>((resolve) => {
      // Also closes idle connections (Node >= 19); an error only says it was not listening.
      server.close(() => resolve());
    });
    server.closeIdleConnections();
    // Node counts a connection that has sent nothing yet as busy (its headers timeout runs),
    // so closeIdleConnections leaves it; clients open such spares ahead of need (undici does).
    for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<true>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    });
    const cut = await Promise.race([closed.then(() => false as const), timedOut]);
    clearTimeout(timer);
    // What is left, upgraded sockets included (closeAllConnections knows only HTTP ones).
    if (cut) for (const socket of sockets) socket.destroy();
    return !cut;
  };

  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    announce,
    close() {
      closing ??= drain();
      return closing;
    },
  };
}

/**
 * The drain as an Apollo Server plugin (typed structurally, so this package needs no Apollo):
 * `apollo.stop()` drains HTTP first, and Apollo keeps executing operations meanwhile.
 */
export function drainPlugin(drain: HttpDrain) {
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          await drain.close();
        },
      };
    },
  };
}
