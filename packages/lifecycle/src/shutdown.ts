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
