import { z } from 'zod';
import { commonEnv, port } from './common-env.ts';
import { type ConfigValues, configFromValues } from './config-from-values.ts';
import { databaseUrlFor, parseEnv } from './parse-env.ts';
import { tracingEnv } from './tracing-env.ts';

/**
 * The variables every subgraph reads, to spread into its config schema: commonEnv, PORT (its
 * own default), DATABASE_URL and OpenTelemetry tracing, OFF by default (OTEL_TRACES_EXPORTER=otlp
 * turns it on; spans go to OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4318, as
 * `service.name` the subgraph's name unless OTEL_SERVICE_NAME says otherwise; every variable
 * and its default: tracing-env.ts).
 */
export function subgraphEnv(defaultPort: number) {
  return {
    ...commonEnv,
    ...tracingEnv,
    PORT: port(defaultPort),
    /** `DATABASE_URL_<NAME>`, or `DATABASE_URL` pointed at the subgraph's own database. */
    DATABASE_URL: z.url(),
  };
}

/**
 * A subgraph's two ways to its config, from one schema and one set of defaults: `loadConfig(env)`
 * (main.ts: `DATABASE_URL_<NAME>`, or DATABASE_URL pointed at the database `<name>`) and
 * `configFrom(values)` (the stack, tests: typed values, see configFromValues). Both throw one
 * error listing every bad value.
 */
export function subgraphConfig<S extends z.ZodObject>(name: string, schema: S) {
  return {
    loadConfig: (env: NodeJS.ProcessEnv): Readonly<z.output<S>> =>
      parseEnv(schema, { ...env, DATABASE_URL: databaseUrlFor(env, name) }, name),
    configFrom: (values: ConfigValues<S>): Readonly<z.output<S>> =>
      configFromValues(schema, values, name),
  };
}
