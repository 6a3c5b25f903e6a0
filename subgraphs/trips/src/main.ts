import { runUntilSignal } from '@travel/lifecycle';
import { createLogger } from '@travel/logger';
import { loadConfig } from './config.ts';
import { createTripsService } from './service.ts';

const config = loadConfig(process.env);
const log = createLogger({ service: 'trips', level: config.LOG_LEVEL });
// SIGTERM: /readyz 503, serve on for SHUTDOWN_GRACE_MS, drain, stop what it runs, exit.
await runUntilSignal(createTripsService({ config, log }), {
  log,
  graceMs: config.SHUTDOWN_GRACE_MS,
});
