import { commonEnv, databaseUrlFor, parseEnv, port, tracingEnv } from '@travel/config';
import { z } from 'zod';

const Env = z.object({
  ...commonEnv,
  /**
   * OpenTelemetry tracing, OFF by default: OTEL_TRACES_EXPORTER=otlp turns it on; spans go to
   * OTEL_EXPORTER_OTLP_ENDPOINT (default http://localhost:4318) as `service.name` hotels unless
   * OTEL_SERVICE_NAME says otherwise. Every variable and its default: @travel/config's tracing-env.ts.
   */
  ...tracingEnv,
  PORT: port(4002),
  /** `DATABASE_URL_HOTELS`, or `DATABASE_URL` pointed at the database `hotels`. */
  DATABASE_URL: z.url(),
});

export type Config = Readonly<z.infer<typeof Env>>;

/** Throws one error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return parseEnv(Env, { ...env, DATABASE_URL: databaseUrlFor(env, 'hotels') }, 'hotels');
}
