import { createLogger } from '@travel/logger';
import { listen } from '@travel/subgraph-kit';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { loadConfig } from './config.ts';
import { createDb } from './db.ts';
import { createRedisPubSub } from './events/redis-pubsub.ts';
import { createServer } from './server.ts';
import { createHoldSweeper } from './sweeper/hold-sweeper.ts';

const config = loadConfig(process.env);
const log = createLogger({ service: 'bookings', level: config.LOG_LEVEL });
const db = createDb(config.DATABASE_URL);
const redis = config.REDIS_URL ? createRedisPubSub(config.REDIS_URL) : undefined;
if (!redis) log.warn('REDIS_URL is not set: booking events stay in this process');
const pubsub: PubSubEngine = redis ?? new PubSub();

const server = createServer({ config, db, log, pubsub });
const sweeper = createHoldSweeper({
  db,
  publisher: pubsub,
  intervalMs: config.HOLD_SWEEP_INTERVAL_MS,
  log,
});
await server.start();
const { url } = await listen(server.httpServer, config.PORT, config.HOST);
sweeper.start();
log.info({ url }, 'bookings subgraph listening');

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  log.info({ signal }, 'shutting down');
  try {
    await sweeper.stop();
    await server.stop(); // stops accepting, lets in-flight requests finish
    await redis?.close();
    await db.$disconnect();
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
