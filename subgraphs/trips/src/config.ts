import { commonEnv, databaseUrlFor, parseEnv, port, redisUrl, tracingEnv } from '@travel/config';
import { z } from 'zod';

const Env = z.object({
  ...commonEnv,
  /**
   * OpenTelemetry tracing, OFF by default: OTEL_TRACES_EXPORTER=otlp turns it on; spans go to
   * OTEL_EXPORTER_OTLP_ENDPOINT (default http://localhost:4318) as `service.name` trips unless
   * OTEL_SERVICE_NAME says otherwise. Every variable and its default: @travel/config's tracing-env.ts.
   */
  ...tracingEnv,
  PORT: port(4004),
  /** `DATABASE_URL_TRIPS`, or `DATABASE_URL` pointed at the database `trips`. */
  DATABASE_URL: z.url(),
  /** The bookings subgraph, asked whether a booking linked to an item is the owner's. */
  BOOKINGS_URL: z.url().default('http://localhost:4003/graphql'),
  /** How long to wait for bookings before answering SERVICE_UNAVAILABLE; default 1000 ms. */
  BOOKINGS_TIMEOUT_MS: z.coerce.number().int().positive().default(1000),
  /**
   * Redis for entity changes (`tripUpdated`); without it they stay in this process. One server
   * or a Cluster (`redis+cluster://host1:port,host2:port`), as the router's REDIS_URL.
   */
  REDIS_URL: redisUrl(),
});

export type Config = Readonly<z.infer<typeof Env>>;

/** Throws one error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return parseEnv(Env, { ...env, DATABASE_URL: databaseUrlFor(env, 'trips') }, 'trips');
}
