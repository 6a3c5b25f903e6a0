import { createLogger } from '@travel/logger';
import { serveUntilSignal } from '@travel/subgraph-kit';
import { loadConfig } from './config.ts';
import { createDb } from './db.ts';
import { createServer } from './server.ts';

const config = loadConfig(process.env);
const log = createLogger({ service: 'trips', level: config.LOG_LEVEL });
const db = createDb(config.DATABASE_URL);
await serveUntilSignal({
  name: 'trips',
  server: createServer({ config, db, log }),
  log,
  port: config.PORT,
  host: config.HOST,
  graceMs: config.SHUTDOWN_GRACE_MS,
  cleanup: [() => db.$disconnect()],
});
