import { commonEnv, databaseUrlFor, parseEnv, port, redisUrl, tracingEnv } from '@travel/config';
import { z } from 'zod';

const Env = z.object({
  ...commonEnv,
  /**
   * OpenTelemetry tracing, OFF by default: OTEL_TRACES_EXPORTER=otlp turns it on; spans go to
   * OTEL_EXPORTER_OTLP_ENDPOINT (default http://localhost:4318) as `service.name` bookings unless
   * OTEL_SERVICE_NAME says otherwise. Every variable and its default: @travel/config's tracing-env.ts.
   */
  ...tracingEnv,
  PORT: port(4003),
  /** `DATABASE_URL_BOOKINGS`, or `DATABASE_URL` pointed at the database `bookings`. */
  DATABASE_URL: z.url(),
  /** The hotels subgraph, asked for a room type's capacity, rate and owner. */
  HOTELS_URL: z.url().default('http://localhost:4002/graphql'),
  /** Time allowed to one call to hotels; default 1000 ms. */
  HOTELS_TIMEOUT_MS: z.coerce.number().int().positive().default(1000),
  /** Extra attempts after a network error or a 5xx from hotels; default 2. */
  HOTELS_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** How long a PENDING booking holds its rooms before the sweeper cancels it; default 15. */
  BOOKING_HOLD_MINUTES: z.coerce.number().int().positive().default(15),
  /** How often the hold sweeper runs; default 30 000 ms. */
  HOLD_SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
  /**
   * Redis for entity changes; without it they stay in this process. One server or a Cluster
   * (`redis+cluster://host1:port,host2:port`), as the router's REDIS_URL.
   */
  REDIS_URL: redisUrl(),
});

export type Config = Readonly<z.infer<typeof Env>>;

/** Throws one error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return parseEnv(Env, { ...env, DATABASE_URL: databaseUrlFor(env, 'bookings') }, 'bookings');
}
