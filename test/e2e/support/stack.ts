import { randomBytes } from 'node:crypto';
import { createLogger, type Logger } from '@travel/logger';
import { createEntityChangePubSub } from '@travel/service-kit';
import { type RunningStack, SUBGRAPH_NAMES, type SubgraphName, startStack } from '@travel/stack';
import { createTestDatabase, testRedisUrl } from '@travel/testing';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';

export interface TestStackOptions {
  /** Seed the demo data; default true. */
  seed?: boolean;
  /** Default `production` (no Sandbox, no introspection), as clients meet it. */
  nodeEnv?: 'development' | 'production';
  /**
   * Share Redis like a scaled-out deployment: routers use the run's Redis (under a key prefix
   * of their own, so test files don't see each other's entries) and booking events go through
   * Redis pub/sub. Default false: everything in-process, as `pnpm start` without REDIS_URL.
   */
  redis?: boolean;
  /**
   * The Redis server to share instead of the run's (implies `redis`): tests that stop and
   * restart Redis use a throwaway server of their own.
   */
  redisUrl?: string;
  /** Extra router configuration. */
  routerEnv?: NodeJS.ProcessEnv;
  /** Accounts settings over the stack's (sign-in throttling), typed. */
  accounts?: Parameters<typeof startStack>[0]['accounts'];
  /** OTEL_* variables for every service (see StackOptions.tracingEnv); default none: off. */
  tracingEnv?: NodeJS.ProcessEnv;
  /** The logger every service writes to; default silent (E2E_LOG_LEVEL to see it). */
  log?: Logger;
}

export interface TestStack extends RunningStack {
  jwtSecret: string;
  /** postgres:// URL of each subgraph's database, to check what was stored. */
  databaseUrls: Record<SubgraphName, string>;
  /** Redis key prefix of this stack's routers (when `redis` is on). */
  redisKeyPrefix: string;
  /** SQL statements each subgraph has sent since the last `resetSql()`. */
  sql: Record<SubgraphName, string[]>;
  resetSql(): void;
  /** Where the bookings subgraph publishes its events (a RedisPubSub when `redis` is on). */
  pubsub: PubSubEngine;
}

/**
 * The whole supergraph on free ports, in this process, over fresh clones of the migrated
 * databases, seeded with the demo data. `startRouter()` adds router instances.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const databases = await Promise.all(SUBGRAPH_NAMES.map((name) => createTestDatabase(name)));
  const databaseUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name, i) => [name, databases[i]?.url]),
  ) as Record<SubgraphName, string>;
  const sql = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, []])) as unknown as Record<
    SubgraphName,
    string[]
  >;
  const jwtSecret = randomBytes(32).toString('base64url');
  const redisKeyPrefix = `test:${randomBytes(6).toString('hex')}:`;
  const redisUrl = options.redisUrl ?? (options.redis ? testRedisUrl() : undefined);
  const pubsub: PubSubEngine & { close?(): Promise<unknown> } = redisUrl
    ? createEntityChangePubSub(redisUrl)
    : new PubSub();
  const stack = await startStack({
    databaseUrls,
    jwtSecret,
    port: 0,
    nodeEnv: options.nodeEnv ?? 'production',
    logLevel: 'silent',
    log:
      options.log ?? createLogger({ service: 'e2e', level: process.env.E2E_LOG_LEVEL ?? 'silent' }),
    seed: options.seed ?? true,
    onQuery: (subgraph, statement) => sql[subgraph].push(statement),
    pubsub,
    routerEnv: {
      ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisKeyPrefix } : {}),
      ...options.routerEnv,
    },
    ...(options.accounts ? { accounts: options.accounts } : {}),
    ...(options.tracingEnv ? { tracingEnv: options.tracingEnv } : {}),
  });
  return {
    ...stack,
    jwtSecret,
    databaseUrls,
    redisKeyPrefix,
    pubsub,
    sql,
    resetSql: () => {
      for (const name of SUBGRAPH_NAMES) sql[name].length = 0;
    },
    async stop() {
      await stack.stop();
      await pubsub.close?.();
      await Promise.all(databases.map((db) => db.drop()));
    },
  };
}
