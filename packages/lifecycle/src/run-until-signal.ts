import type { Logger } from '@travel/logger';
import { type GracefulService, shutdownGracefully } from './shutdown.ts';

/** A service a process runs: the router, a subgraph, the whole stack. */
export interface RunnableService extends GracefulService {
  /** Starts it and listens; resolves where it answers. */
  start(): Promise<{ url: string }>;
}

export interface RunUntilSignalOptions {
  log: Pick<Logger, 'info' | 'warn' | 'error' | 'fatal'>;
  /** SHUTDOWN_GRACE_MS: serving on, not ready, before stopping; see shutdownGracefully. */
  graceMs: number;
  /**
   * Run after the service stopped (or failed to start), in order: what the process opened
   * around the service (the stack's databases). Default none.
   */
  cleanup?: (() => Promise<unknown>)[];
  /** Default SIGTERM (orchestrators) and SIGINT (Ctrl-C). */
  signals?: NodeJS.Signals[];
}

/**
 * Every main.ts ends here: start the service (exit 1 if it can not start), then on the first
 * SIGTERM/SIGINT shut down gracefully (readiness 503, `graceMs`, drain), clean up and exit
 * (1 if the stop itself failed). Only main.ts calls it: it owns the process.
 */
export async function runUntilSignal(
  service: RunnableService,
  options: RunUntilSignalOptions,
): Promise<void> {
  const { log, cleanup = [], signals = ['SIGTERM', 'SIGINT'] } = options;
  const cleanUp = async () => {
    for (const step of cleanup) await step();
  };
  try {
    const { url } = await service.start();
    log.info({ url }, 'listening');
  } catch (error) {
    log.fatal({ err: error }, 'could not start');
    await service.stop().catch(() => undefined);
    await cleanUp().catch(() => undefined);
    process.exit(1);
  }
  let stopping = false;
  const onSignal = async (signal: NodeJS.Signals) => {
    // Ctrl-C reaches every process of the group and tsx relays it too: a second signal is
    // usual and must not cut the drain short (SHUTDOWN_DRAIN_TIMEOUT_MS bounds it anyway).
    if (stopping) {
      log.warn({ signal }, 'already shutting down');
      return;
    }
    stopping = true;
    log.info({ signal }, 'signal received');
    try {
      await shutdownGracefully(service, options);
      await cleanUp();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'unclean stop');
      process.exit(1);
    }
  };
  for (const signal of signals) process.on(signal, onSignal);
}
