import {
  databaseUrlFor,
  logLevel,
  nodeEnv,
  parseEnv,
  port,
  redisUrl,
  shutdownEnv,
} from '@travel/config';
import { z } from 'zod';
import { SUBGRAPH_NAMES } from './subgraphs.ts';

const Env = z.object({
  /** `development` (default here) serves Apollo Sandbox and allows introspection. */
  NODE_ENV: nodeEnv.default('development'),
  LOG_LEVEL: logLevel,
  /** The router's port; subgraphs take the next four (4001…4004 by default). */
  PORT: port(4000),
  /** The router's interface; default 127.0.0.1 (a development stack is not for the network). */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Embedded PostgreSQL data and the generated JWT key live here; default `.data`. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** Port of the embedded PostgreSQL; default 54329 (away from a local server on 5432). */
  EMBEDDED_POSTGRES_PORT: port(54329),
  /** A PostgreSQL server URL; when set (or per-subgraph URLs are), nothing is embedded. */
  DATABASE_URL: z.url().optional(),
  /** One Redis or a Cluster (`redis+cluster://host1:port,…`); unset: everything in process. */
  REDIS_URL: redisUrl(),
  /** HS256 key; when absent one is generated once and kept in DATA_DIR. */
  JWT_SECRET: z.string().min(32).optional(),
  /** Seed demo data into empty databases; default true. */
  SEED_DEMO_DATA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Ctrl-C stops at once: nothing balances traffic in front of a development stack, so there is
   * no one to wait for (default 0; the services' own default is 5000). In-flight requests
   * still finish, within SHUTDOWN_DRAIN_TIMEOUT_MS (default 10000).
   */
  SHUTDOWN_GRACE_MS: shutdownEnv.SHUTDOWN_GRACE_MS.unwrap().default(0),
  SHUTDOWN_DRAIN_TIMEOUT_MS: shutdownEnv.SHUTDOWN_DRAIN_TIMEOUT_MS,
});

export type StackConfig = Readonly<
  z.infer<typeof Env> & {
    databaseUrls: Partial<Record<string, string>>;
    /**
     * The OTEL_* variables, handed to every service as they are (each validates them; tracing
     * is off unless OTEL_TRACES_EXPORTER=otlp). OTEL_SERVICE_NAME is not: each names itself.
     */
    tracingEnv: Readonly<Record<string, string>>;
  }
>;

export function loadStackConfig(env: NodeJS.ProcessEnv): StackConfig {
  const config = parseEnv(Env, env, 'stack');
  const databaseUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, databaseUrlFor(env, name)]).filter(([, url]) => url),
  );
  const tracingEnv = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] =>
        entry[0].startsWith('OTEL_') && entry[0] !== 'OTEL_SERVICE_NAME' && entry[1] !== undefined,
    ),
  );
  return Object.freeze({ ...config, databaseUrls, tracingEnv });
}
