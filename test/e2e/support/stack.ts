import { randomBytes } from 'node:crypto';
import { createLogger } from '@travel/logger';
import { type RunningStack, SUBGRAPH_NAMES, type SubgraphName, startStack } from '@travel/stack';
import { createTestDatabase } from '@travel/testing';
import { PubSub } from 'graphql-subscriptions';

export interface TestStack extends RunningStack {
  jwtSecret: string;
  /** SQL statements each subgraph has sent since the last `resetSql()`. */
  sql: Record<SubgraphName, string[]>;
  resetSql(): void;
}

/**
 * The whole supergraph on free ports, in this process, over fresh clones of the migrated
 * databases, seeded with the demo data.
 */
export async function startTestStack(
  options: { seed?: boolean; nodeEnv?: 'development' | 'production' } = {},
): Promise<TestStack> {
  const databases = await Promise.all(SUBGRAPH_NAMES.map((name) => createTestDatabase(name)));
  const databaseUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name, i) => [name, databases[i]?.url]),
  ) as Record<SubgraphName, string>;
  const sql = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, []])) as unknown as Record<
    SubgraphName,
    string[]
  >;
  const jwtSecret = randomBytes(32).toString('base64url');
  const stack = await startStack({
    databaseUrls,
    jwtSecret,
    port: 0,
    nodeEnv: options.nodeEnv ?? 'production',
    logLevel: 'silent',
    log: createLogger({ service: 'e2e', level: process.env.E2E_LOG_LEVEL ?? 'silent' }),
    seed: options.seed ?? true,
    onQuery: (subgraph, statement) => sql[subgraph].push(statement),
    pubsub: new PubSub(),
  });
  return {
    ...stack,
    jwtSecret,
    sql,
    resetSql: () => {
      for (const name of SUBGRAPH_NAMES) sql[name].length = 0;
    },
    async stop() {
      await stack.stop();
      await Promise.all(databases.map((db) => db.drop()));
    },
  };
}
