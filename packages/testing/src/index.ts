import { dropDatabase, quoteIdent, withDatabase } from '@travel/prisma-tools';
import pg from 'pg';
import { inject } from 'vitest';
import { testDatabaseName } from './names.ts';
import type {} from './provided-context.ts';
import { retryWhileInUse } from './retry.ts';

/** A TCP port nothing listens on right now, for servers a test starts. */
export { freePort } from '@travel/prisma-tools';
export { closedPortUrl } from './closed-port.ts';
export { connectionOutcome } from './connection-outcome.ts';
export { eventually } from './eventually.ts';
export { databaseForFile, startForFile, unhandledRejectionsForFile } from './for-file.ts';
export {
  type AuthOptions,
  type GraphQLHttpResponse,
  type GraphQLResponse,
  postGraphQL,
} from './graphql-response.ts';
export { type RawConnection, rawConnection } from './raw-connection.ts';
export { startRedisCluster, type TestRedisCluster } from './redis-cluster.ts';
export { type RedisCommands, watchRedisCommands } from './redis-commands.ts';
export { deleteRedisKeys, redisKeys } from './redis-keys.ts';
export { redisReady } from './redis-ready.ts';
export {
  type ServiceForTest,
  type SubgraphForTest,
  type SubgraphForTestOptions,
  startSubgraphForTest,
  type TestServiceConfig,
  type TestServiceDeps,
} from './subgraph-for-test.ts';
export { TEST_JWT_SECRET, tokenFor } from './test-secret.ts';

export type TestDatabase = {
  /** postgres:// URL of the new database. */
  url: string;
  /** Drops it (closing any connection still open). Teardown drops leftovers anyway. */
  drop(): Promise<void>;
};

/**
 * A database of its own for one test file: a copy of the subgraph's migrated template
 * (CREATE DATABASE … TEMPLATE, milliseconds), so tests never see each other's rows.
 */
export async function createTestDatabase(subgraph: string): Promise<TestDatabase> {
  const templates = inject('templates');
  const template = templates[subgraph];
  if (!template) {
    throw new Error(
      `No template for subgraph "${subgraph}" (have: ${Object.keys(templates).join(', ')})`,
    );
  }
  return createDatabase(subgraph, `TEMPLATE ${quoteIdent(template)}`);
}

/** An empty database (no migrations applied), e.g. to test migrations themselves. */
export function createEmptyTestDatabase(): Promise<TestDatabase> {
  return createDatabase('empty', 'TEMPLATE template0');
}

/** postgres:// URL of the test server's `postgres` database. */
export function testPostgresUrl(): string {
  return inject('postgresUrl');
}

/** redis:// URL for tests (REDIS_URL, default redis://127.0.0.1:6379). */
export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** `redis+cluster://` URL of the run's Redis Cluster (TEST_REDIS_CLUSTER_URL, else started). */
export function testRedisClusterUrl(): string {
  return inject('redisClusterUrl');
}

/**
 * Both kinds of Redis every Redis feature must work on, for `describe.each`: the shared
 * single node and the run's Cluster. Tests isolate with key prefixes on either.
 */
export function testRedisTargets(): [name: 'single node' | 'cluster', url: string][] {
  return [
    ['single node', testRedisUrl()],
    ['cluster', testRedisClusterUrl()],
  ];
}

async function createDatabase(label: string, source: string): Promise<TestDatabase> {
  const serverUrl = inject('postgresUrl');
  const name = testDatabaseName(label, inject('runId'));
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // Cloning fails while anyone is connected to the template; templates refuse connections,
    // but a template being built by another run can still be busy for a moment.
    await retryWhileInUse(() => admin.query(`CREATE DATABASE ${quoteIdent(name)} ${source}`));
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  return { url, drop: () => dropDatabase(url) };
}
