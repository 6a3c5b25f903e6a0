import { createLogger } from '@travel/logger';
import { listen } from '@travel/subgraph-kit';
import { loadConfig } from './config.ts';
import { createDb } from './db.ts';
import { createServer } from './server.ts';

const config = loadConfig(process.env);
const log = createLogger({ service: 'accounts', level: config.LOG_LEVEL });
const db = createDb(config.DATABASE_URL);
const server = createServer({ config, db, log });
await server.start();
const { url } = await listen(server.httpServer, config.PORT, config.HOST);
log.info({ url }, 'accounts subgraph listening');

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  log.info({ signal }, 'shutting down');
  try {
    await server.stop(); // stops accepting, lets in-flight requests finish
    await db.$disconnect();
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
