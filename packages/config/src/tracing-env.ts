import { z } from 'zod';

/** `key1=value1,key2=value2` (OTEL_RESOURCE_ATTRIBUTES, OTEL_EXPORTER_OTLP_HEADERS); values URL-decoded. */
const keyValueList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const pairs: Record<string, string> = {};
    for (const entry of value.split(',')) {
      if (entry.trim() === '') continue;
      const at = entry.indexOf('=');
      const key = entry.slice(0, at).trim();
      if (at <= 0 || key === '') {
        ctx.addIssue({ code: 'custom', message: `expected key=value, got "${entry.trim()}"` });
        return z.NEVER;
      }
      try {
        pairs[key] = decodeURIComponent(entry.slice(at + 1).trim());
      } catch {
        ctx.addIssue({ code: 'custom', message: `bad percent-encoding in "${entry.trim()}"` });
        return z.NEVER;
      }
    }
    return pairs;
  });

const protocol = z.enum(['http/protobuf', 'http/json']);

/** The samplers of the OpenTelemetry specification's OTEL_TRACES_SAMPLER. */
export const TRACES_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/**
 * OpenTelemetry tracing (the specification's `OTEL_*` variables, the subset this project
 * reads). Tracing is OFF unless OTEL_TRACES_EXPORTER is `otlp` (or `console`): unlike the
 * specification's default (`otlp`), an unset exporter means `none`, so a service started with
 * nothing configured creates no tracer, no span and no exporter. OTEL_SDK_DISABLED=true turns
 * it off whatever else is set.
 */
export const tracingEnv = {
  /** `true` turns tracing off whatever else is set. Default false. */
  OTEL_SDK_DISABLED: z.stringbool().default(false),
  /**
   * `none` (default: tracing off), `otlp` (OTLP over HTTP to OTEL_EXPORTER_OTLP_*), or
   * `console` (spans printed to stdout, for debugging).
   */
  OTEL_TRACES_EXPORTER: z.enum(['none', 'otlp', 'console']).default('none'),
  /** `service.name` of the spans; default the service's own name (`router`, `hotels` …). */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /** More resource attributes, `deployment.environment.name=prod,service.version=1.2`. */
  OTEL_RESOURCE_ATTRIBUTES: keyValueList,
  /** Base URL of the OTLP/HTTP receiver; traces go to `<it>/v1/traces`. Default http://localhost:4318. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().default('http://localhost:4318'),
  /** Full URL for traces, used as is; wins over OTEL_EXPORTER_OTLP_ENDPOINT. Default unset. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  /** `http/protobuf` (default, as the specification says) or `http/json`. gRPC is not offered. */
  OTEL_EXPORTER_OTLP_PROTOCOL: protocol.default('http/protobuf'),
  /** The same for traces only; wins over OTEL_EXPORTER_OTLP_PROTOCOL. Default unset. */
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: protocol.optional(),
  /** Headers sent with every export (`authorization=Bearer%20xyz`). Default none. */
  OTEL_EXPORTER_OTLP_HEADERS: keyValueList,
  /** Headers for trace exports only, added over OTEL_EXPORTER_OTLP_HEADERS. Default none. */
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: keyValueList,
  /** Time allowed to one export, in ms; default 10000. */
  OTEL_EXPORTER_OTLP_TIMEOUT: z.coerce.number().int().positive().default(10_000),
  /**
   * Which traces are recorded: `parentbased_always_on` (default: a client's sampled
   * `traceparent` is followed, new traces are all kept), `parentbased_traceidratio` (new traces
   * kept with probability OTEL_TRACES_SAMPLER_ARG), `always_on`, `always_off`, `traceidratio`,
   * `parentbased_always_off`.
   */
  OTEL_TRACES_SAMPLER: z.enum(TRACES_SAMPLERS).default('parentbased_always_on'),
  /** The ratio of the `*traceidratio` samplers, 0 to 1; default 1. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  /**
   * Longest wait before buffered spans are exported, in ms; default 5000. (The other batch
   * settings, OTEL_BSP_MAX_QUEUE_SIZE and OTEL_BSP_MAX_EXPORT_BATCH_SIZE, default 2048 and 512,
   * are read by the OpenTelemetry SDK itself.)
   */
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().positive().default(5000),
};

/** The parsed tracing variables, as every service's config holds them. */
export type TracingEnv = z.infer<z.ZodObject<typeof tracingEnv>>;
