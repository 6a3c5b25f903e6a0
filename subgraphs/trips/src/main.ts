import { createLogger } from '@travel/logger';
import { createEntityChangePubSub, serveUntilSignal } from '@travel/subgraph-kit';
import { createTracing } from '@travel/tracing';
import { loadConfig } from './config.ts';
import { createDb } from './db.ts';
import { createServer } from './server.ts';

const config = loadConfig(process.env);
const log = createLogger({ service: 'trips', level: config.LOG_LEVEL });
const tracing = createTracing(config, { service: 'trips', log });
const tracer = tracing?.tracer;
const db = createDb(config.DATABASE_URL, { tracer });
const pubsub = config.REDIS_URL ? createEntityChangePubSub(config.REDIS_URL, log) : undefined;
if (!pubsub) log.warn('REDIS_URL is not set: entity changes stay in this process');
await serveUntilSignal({
  name: 'trips',
  server: createServer({ config, db, log, tracer, ...(pubsub ? { pubsub } : {}) }),
  log,
  port: config.PORT,
  host: config.HOST,
  graceMs: config.SHUTDOWN_GRACE_MS,
  // Spans last: the drain's and the disconnect's are exported too.
  cleanup: [async () => pubsub?.close(), () => db.$disconnect(), async () => tracing?.shutdown()],
});
