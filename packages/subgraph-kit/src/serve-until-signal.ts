import { shutdownOnSignal } from '@travel/lifecycle';
import type { Logger } from '@travel/logger';
import { listen } from './listen.ts';
import type { SubgraphServer } from './subgraph-server.ts';

export interface ServeOptions {
  name: string;
  server: SubgraphServer;
  log: Logger;
  port: number;
  host: string;
  /** SHUTDOWN_GRACE_MS: serving on, not ready, before stopping; see shutdownGracefully. */
  graceMs: number;
  /** Run after the server stops, in order (sweepers, Redis, the database). */
  cleanup?: (() => Promise<unknown>)[];
}

/**
 * A subgraph's main loop: start, listen, and on SIGTERM/SIGINT shut down gracefully
 * (readiness 503, grace period, drain), clean up and exit. Only main.ts calls it.
 */
export async function serveUntilSignal({
  name,
  server,
  log,
  port,
  host,
  graceMs,
  cleanup,
}: ServeOptions) {
  await server.start();
  const { url } = await listen(server.httpServer, port, host);
  log.info({ url }, `${name} subgraph listening`);
  shutdownOnSignal({ service: server, graceMs, log, cleanup });
}
