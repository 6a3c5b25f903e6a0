import { z } from 'zod';
import { commonEnv, port } from './common-env.ts';
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
