import { createLogger } from '@travel/logger';
import { createRedisConnection } from '@travel/redis';
import { serveUntilSignal } from '@travel/subgraph-kit';
import { createTracing } from '@travel/tracing';
import { loadConfig } from './config.ts';
import { createDb } from './db.ts';
import { createServer } from './server.ts';

const config = loadConfig(process.env);
const log = createLogger({ service: 'accounts', level: config.LOG_LEVEL });
const tracing = createTracing(config, { service: 'accounts', log });
const tracer = tracing?.tracer;
const db = createDb(config.DATABASE_URL, { tracer });
const redis = config.REDIS_URL
  ? createRedisConnection(config.REDIS_URL, { role: 'sign-in throttle', log })
  : undefined;
if (!redis) log.info('REDIS_URL not set: sign-in throttling counts per instance');
await serveUntilSignal({
  name: 'accounts',
  server: createServer({ config, db, log, tracer, ...(redis ? { redis } : {}) }),
  log,
  port: config.PORT,
  host: config.HOST,
  graceMs: config.SHUTDOWN_GRACE_MS,
  // Spans last: the drain's and the disconnect's are exported too.
  cleanup: [
    () => db.$disconnect(),
    async () => void (await redis?.quit()),
    async () => tracing?.shutdown(),
  ],
});
