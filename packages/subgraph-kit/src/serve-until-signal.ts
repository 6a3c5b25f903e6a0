import type { Logger } from '@travel/logger';
import { listen } from './listen.ts';
import type { SubgraphServer } from './subgraph-server.ts';

export interface ServeOptions {
  name: string;
  server: SubgraphServer;
  log: Logger;
  port: number;
  host: string;
  /** Run after the server stops, in order (sweepers, Redis, the database). */
  cleanup?: (() => Promise<unknown>)[];
}

/**
 * A subgraph's main loop: start, listen, and on SIGTERM/SIGINT stop accepting, let in-flight
 * requests finish, clean up and exit (1 when the stop itself failed). Only main.ts calls it.
 */
export async function serveUntilSignal({
  name,
  server,
  log,
  port,
  host,
  cleanup = [],
}: ServeOptions) {
  await server.start();
  const { url } = await listen(server.httpServer, port, host);
  log.info({ url }, `${name} subgraph listening`);

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    try {
      await server.stop();
      for (const step of cleanup) await step();
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
