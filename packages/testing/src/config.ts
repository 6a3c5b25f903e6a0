/** What the test setup reads from the environment (nothing else in this package does). */
export type TestEnv = {
  /** TEST_DATABASE_URL: a server to use (any database on it); else local, else embedded. */
  databaseUrl: string | undefined;
  /** REDIS_URL, default redis://127.0.0.1:6379. */
  redisUrl: string;
  /**
   * TEST_REDIS_CLUSTER_URL: a Redis Cluster to use (`redis+cluster://host:port,…`); else the
   * run starts a throwaway one (redis-cluster.ts).
   */
  redisClusterUrl: string | undefined;
};

export function loadTestEnv(env: NodeJS.ProcessEnv = process.env): TestEnv {
  return {
    databaseUrl: env.TEST_DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    redisClusterUrl: env.TEST_REDIS_CLUSTER_URL || undefined,
  };
}
