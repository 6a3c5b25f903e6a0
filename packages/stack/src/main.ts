// pnpm start: the whole supergraph on this machine, with nothing configured.
import { runUntilSignal } from '@travel/lifecycle';
import { createLogger } from '@travel/logger';
import { createEntityChangePubSub } from '@travel/service-kit';
import { PubSub } from 'graphql-subscriptions';
import { loadStackConfig } from './config.ts';
import { developmentJwtSecret } from './jwt-secret.ts';
import { prepareDatabases } from './prepare-databases.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo-data.ts';
import { type RunningStack, startStack } from './start-stack.ts';

const config = loadStackConfig(process.env);
const log = createLogger({ service: 'stack', level: config.LOG_LEVEL });
if (!config.REDIS_URL) {
  log.info('REDIS_URL not set: caches and pub/sub are in-process (one instance only)');
}

const redisPubSub = config.REDIS_URL ? createEntityChangePubSub(config.REDIS_URL, log) : undefined;
const pubsub = redisPubSub ?? new PubSub();
const databases = await prepareDatabases(config, log);
let stack: RunningStack | undefined;

// Ctrl-C: readiness 503, SHUTDOWN_GRACE_MS (default 0 here), every service drains, exit.
await runUntilSignal(
  {
    async start() {
      stack = await startStack({
        databaseUrls: databases.urls,
        jwtSecret: config.JWT_SECRET ?? developmentJwtSecret(config.DATA_DIR),
        log,
        port: config.PORT,
        host: config.HOST,
        nodeEnv: config.NODE_ENV,
        logLevel: config.LOG_LEVEL,
        seed: config.SEED_DEMO_DATA,
        routerEnv: config.REDIS_URL ? { REDIS_URL: config.REDIS_URL } : {},
        pubsub,
        shutdownDrainTimeoutMs: config.SHUTDOWN_DRAIN_TIMEOUT_MS,
        tracingEnv: config.tracingEnv,
      });
      log.info({ url: stack.url, subgraphs: stack.subgraphUrls }, 'supergraph ready');
      console.log(
        `\n  Supergraph ready at ${stack.url}  (open it in a browser for Apollo Sandbox)`,
      );
      console.log(`  Demo sign-in: ${DEMO_ACCOUNTS.traveler} / ${DEMO_PASSWORD}\n`);
      return stack;
    },
    announceShutdown: () => stack?.announceShutdown(),
    // startStack stops what it started when it fails: nothing to stop without a stack.
    stop: async () => stack?.stop(),
  },
  {
    log,
    graceMs: config.SHUTDOWN_GRACE_MS,
    cleanup: [async () => redisPubSub?.close(), () => databases.stop()],
  },
);
