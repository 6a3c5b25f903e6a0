import { type DestinationStream, type Logger, pino } from 'pino';
import { mergeTraceFields, traceFields } from './trace-fields.ts';

export type { Logger };

export interface LoggerOptions {
  /** Added to every line as `service`. */
  service: string;
  /** Pino level; default `info`. `silent` for tests that assert nothing on logs. */
  level?: string;
  /** Where lines go; default stdout. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
}

// Secrets that may pass through a log line: tokens, API keys, passwords (as variables or
// fields of an input object). Pino replaces them before the line is serialized.
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'password',
  '*.password',
  'variables.password',
  'variables.input.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
];

export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Every line written while serving a traced request names its trace.
      mixin: traceFields,
      mixinMergeStrategy: mergeTraceFields,
    },
    destination,
  );
}
