import { z } from 'zod';

export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info');

/** `development` turns on Sandbox and introspection; anything else is treated as production. */
export const nodeEnv = z.enum(['development', 'production', 'test']).default('production');

export const port = (fallback: number) =>
  z.coerce.number().int().min(0).max(65535).default(fallback);

/**
 * Graceful shutdown (router, subgraphs, stack): on SIGTERM `/readyz` answers 503 and the
 * service serves on for SHUTDOWN_GRACE_MS (load balancers stop sending; default 5000), then
 * stops accepting and waits up to SHUTDOWN_DRAIN_TIMEOUT_MS for the requests in flight
 * (default 10000) before closing what is left. Keep their sum under the orchestrator's kill
 * deadline (Kubernetes' terminationGracePeriodSeconds, 30 s by default).
 */
export const shutdownEnv = {
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(5000),
  SHUTDOWN_DRAIN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
};

/** How long a service (router and subgraphs) waits on its HTTP clients (see httpServerOptions). */
export const httpTimeoutsEnv = {
  /**
   * How long an idle keep-alive connection stays open. Keep it above the idle timeout of
   * whatever sits in front (a load balancer's, often 60 s), so that side closes first and never
   * sends a request on a connection this one is closing. Default 65000.
   */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().positive().default(65_000),
  /**
   * How long a client has to send a whole request, headers and body, from its first byte;
   * later, 408 and the connection closed. Default 30000.
   */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
};

/** Variables every subgraph shares: where it listens, how it logs, how it checks tokens. */
export const commonEnv = {
  /** Interface to listen on; default 127.0.0.1 (set 0.0.0.0 inside a container). */
  HOST: z.string().min(1).default('127.0.0.1'),
  NODE_ENV: nodeEnv,
  LOG_LEVEL: logLevel,
  /** HS256 key shared by accounts (which signs) and every verifier. At least 32 characters. */
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters'),
  /**
   * Verified tokens each verifier remembers until their `exp`, so the same token is checked
   * once rather than on every call (least recently used dropped first; a few MB at the
   * default). Default 10000; 0 verifies every token on every call.
   */
  TOKEN_CACHE_MAX_ENTRIES: z.coerce.number().int().min(0).default(10_000),
  ...shutdownEnv,
  ...httpTimeoutsEnv,
};
