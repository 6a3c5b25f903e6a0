import { createLogger } from '@travel/logger';
import {
  createEntityChangePublisher,
  createEntityChangePubSub,
  serveUntilSignal,
} from '@travel/subgraph-kit';
import { createTracing } from '@travel/tracing';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { loadConfig } from './config.ts';
import { createDb } from './db.ts';
import { createBookingMetrics } from './metrics/booking-metrics.ts';
import { createServer } from './server.ts';
import { createHoldSweeper } from './sweeper/hold-sweeper.ts';

const config = loadConfig(process.env);
const log = createLogger({ service: 'bookings', level: config.LOG_LEVEL });
const tracing = createTracing(config, { service: 'bookings', log });
const tracer = tracing?.tracer;
const db = createDb(config.DATABASE_URL, { tracer });
const redis = config.REDIS_URL ? createEntityChangePubSub(config.REDIS_URL, log) : undefined;
if (!redis) log.warn('REDIS_URL is not set: entity changes stay in this process');
const pubsub: PubSubEngine = redis ?? new PubSub();
// One set of counters for the server and the sweeper: both show at /metrics.
const metrics = createBookingMetrics();

const sweeper = createHoldSweeper({
  db,
  publisher: createEntityChangePublisher({ pubsub, log }),
  intervalMs: config.HOLD_SWEEP_INTERVAL_MS,
  log,
  metrics,
});
await serveUntilSignal({
  name: 'bookings',
  server: createServer({ config, db, log, pubsub, metrics, tracer }),
  log,
  port: config.PORT,
  host: config.HOST,
  graceMs: config.SHUTDOWN_GRACE_MS,
  // Spans last: the drain's and the disconnect's are exported too.
  cleanup: [
    async () => sweeper.stop(),
    async () => redis?.close(),
    () => db.$disconnect(),
    async () => tracing?.shutdown(),
  ],
});
sweeper.start();
