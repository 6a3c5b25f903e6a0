// First: it must run before @apollo/gateway is loaded (see the module).
import './disable-apollo-telemetry.ts';
import { shutdownOnSignal } from '@travel/lifecycle';
import { createLogger } from '@travel/logger';
import { createTracing } from '@travel/tracing';
import { createRouter, loadConfig } from './index.ts';

const config = loadConfig(process.env);
const log = createLogger({ service: 'router', level: config.LOG_LEVEL });
// Global: @apollo/gateway takes its tracer (plan, fetch spans) from the global API.
const tracing = createTracing(config, { service: 'router', global: true, log });
const router = createRouter({ config, log, tracer: tracing?.tracer });

try {
  await router.start();
} catch (err) {
  log.fatal({ err, supergraph: config.SUPERGRAPH_PATH }, 'router could not start');
  process.exit(1);
}
router.httpServer.once('error', (err) => {
  log.fatal({ err, port: config.PORT, host: config.HOST }, 'router could not listen');
  process.exit(1);
});
router.httpServer.listen(config.PORT, config.HOST, () => {
  log.info({ port: config.PORT, host: config.HOST }, 'router listening');
});

// SIGTERM: /readyz 503, serve on for SHUTDOWN_GRACE_MS, then drain, export the last spans, exit.
shutdownOnSignal({
  service: router,
  graceMs: config.SHUTDOWN_GRACE_MS,
  log,
  cleanup: [async () => tracing?.shutdown()],
});
