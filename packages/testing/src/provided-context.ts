// What the global setup hands to test files through vitest's provide/inject.
declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres:// URL of the test server's `postgres` database (admin work only). */
    postgresUrl: string;
    /** Migrated template database name per subgraph: { accounts: 'travel_tpl_accounts_1a2b3c4d' }. */
    templates: Record<string, string>;
    /** Part of every database this run creates, so teardown finds them. */
    runId: string;
    redisUrl: string;
    /** `redis+cluster://…` of the run's Redis Cluster (3 masters), shared like `redisUrl`. */
    redisClusterUrl: string;
  }
}

export {};
