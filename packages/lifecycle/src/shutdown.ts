import type { Logger } from '@travel/logger';

/** What a graceful shutdown needs of a service (the router, a subgraph, the whole stack). */
export interface GracefulService {
  /** Readiness answers 503 from now on; requests are still served. Idempotent. */
  announceShutdown(): void;
  /** Stops accepting, lets in-flight requests finish (within its drain timeout), releases all. */
  stop(): Promise<void>;
}

export interface ShutdownOptions {
  /**
   * Time between the announcement (readiness 503) and `stop()`, while the service still
   * serves: load balancers notice and stop sending. Default 5000 ms; 0 stops at once.
   */
  graceMs?: number;
  log: Pick<Logger, 'info'>;
}

/** What SIGTERM does, callable from a test: announce, serve on for `graceMs`, then stop. */
export async function shutdownGracefully(
  service: GracefulService,
  { graceMs = 5000, log }: ShutdownOptions,
): Promise<void> {
  service.announceShutdown();
  if (graceMs > 0) {
    log.info({ graceMs }, 'shutting down: not ready, still serving during the grace period');
    await new Promise((resolve) => setTimeout(resolve, graceMs));
  }
  log.info('shutting down: no longer accepting, finishing requests in flight');
  await service.stop();
}

export interface ShutdownOnSignalOptions extends ShutdownOptions {
  service: GracefulService;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Run after the service stopped, in order (sweepers, Redis, the database). Default none. */
  cleanup?: (() => Promise<unknown>)[];
  /** Default SIGTERM (orchestrators) and SIGINT (Ctrl-C). */
  signals?: NodeJS.Signals[];
}

/**
 * The one signal handler of every service's main.ts: the first signal shuts down gracefully
 * and exits (1 if the stop itself failed); later ones are ignored.
 */
export function shutdownOnSignal(options: ShutdownOnSignalOptions): void {
  const { service, log, cleanup = [], signals = ['SIGTERM', 'SIGINT'] } = options;
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
      for (const step of cleanup) await step();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'unclean stop');
      process.exit(1);
    }
  };
  for (const signal of signals) process.on(signal, onSignal);
}
