import { createLogger } from '@travel/logger';
import { listen } from '@travel/subgraph-kit';
import { loadConfig } from './config.ts';
import { createDb } from './db.ts';
import { createServer } from './server.ts';

const config = loadConfig(process.env);
const log = createLogger({ service: 'trips', level: config.LOG_LEVEL });
const db = createDb(config.DATABASE_URL);
const server = createServer({ config, db, log });
await server.start();
const { url } = await listen(server.httpServer, config.PORT, config.HOST);
log.info({ url }, 'trips subgraph listening');

async function shutdown(signal: string) {
  log.info({ signal }, 'shutting down');
  try {
    await server.stop();
    await db.$disconnect();
    process.exit(0);
  } catch (err) {
    log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
