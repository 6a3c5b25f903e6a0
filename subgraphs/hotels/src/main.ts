import { createLogger } from '@travel/logger';
import { serveUntilSignal } from '@travel/subgraph-kit';
import { createTracing } from '@travel/tracing';
import { loadConfig } from './config.ts';
import { createDb } from './db.ts';
import { createServer } from './server.ts';

const config = loadConfig(process.env);
const log = createLogger({ service: 'hotels', level: config.LOG_LEVEL });
const tracing = createTracing(config, { service: 'hotels', log });
const tracer = tracing?.tracer;
const db = createDb(config.DATABASE_URL, { tracer });
await serveUntilSignal({
  name: 'hotels',
  server: createServer({ config, db, log, tracer }),
  log,
  port: config.PORT,
  host: config.HOST,
  graceMs: config.SHUTDOWN_GRACE_MS,
  // Spans last: the drain's and the disconnect's are exported too.
  cleanup: [() => db.$disconnect(), async () => tracing?.shutdown()],
});
