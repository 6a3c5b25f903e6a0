// First: it must run before @apollo/gateway is loaded (see the module).
import './disable-apollo-telemetry.ts';
import { runUntilSignal } from '@travel/lifecycle';
import { createLogger } from '@travel/logger';
import { listen } from '@travel/service-kit';
import { createTracing } from '@travel/tracing';
import { createRouter, loadConfig } from './index.ts';

const config = loadConfig(process.env);
const log = createLogger({ service: 'router', level: config.LOG_LEVEL });
// Global: @apollo/gateway takes its tracer (plan, fetch spans) from the global API.
const tracing = createTracing(config, { service: 'router', global: true, log });
const router = createRouter({ config, log, tracer: tracing?.tracer });

// SIGTERM: /readyz 503, serve on for SHUTDOWN_GRACE_MS, then drain, export the last spans, exit.
await runUntilSignal(
  {
    ...router,
    async start() {
      await router.start();
      return listen(router.httpServer, config.PORT, config.HOST);
    },
  },
  { log, graceMs: config.SHUTDOWN_GRACE_MS, cleanup: [async () => tracing?.shutdown()] },
);
