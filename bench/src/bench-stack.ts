import { createLogger } from '@travel/logger';
import {
  type RunningStack,
  type StackOptions,
  SUBGRAPH_NAMES,
  type SubgraphName,
  startStack,
} from '@travel/stack';
import { provisionDatabases } from '@travel/testing/provision';
import { PubSub } from 'graphql-subscriptions';

/** The key every bench stack signs with (benches mint tokens for demo users with it). */
export const BENCH_JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-signing';

/**
 * Rate limits no load generator reaches: one load generator on one address measures
 * throughput, and every operation is still checked and spent (their cost is part of the
 * measure), but none is refused.
 */
export const UNLIMITED_RATE_LIMITS = {
  RATE_LIMIT_ANONYMOUS_POINTS: '1000000000',
  RATE_LIMIT_USER_POINTS: '1000000000',
  RATE_LIMIT_PARTNER_POINTS: '1000000000',
};

export interface BenchStackOptions
  extends Pick<StackOptions, 'onQuery' | 'routerEnv' | 'tracingEnv'> {
  /** Default `warn`: a line per request would cost throughput. */
  logLevel?: 'error' | 'warn';
}

export interface BenchStack extends RunningStack {
  /** The run's Redis, for router instances that share it. */
  redisUrl: string;
}

/**
 * The whole supergraph in this process over fresh databases seeded with the demo data, as
 * every bench measures it; `stop()` also drops the databases.
 */
export async function startBenchStack(options: BenchStackOptions = {}): Promise<BenchStack> {
  const { logLevel = 'warn', routerEnv, ...rest } = options;
  const databases = await provisionDatabases(SUBGRAPH_NAMES);
  try {
    const stack = await startStack({
      ...rest,
      routerEnv: { ...UNLIMITED_RATE_LIMITS, ...routerEnv },
      databaseUrls: databases.urls as Record<SubgraphName, string>,
      jwtSecret: BENCH_JWT_SECRET,
      log: createLogger({ service: 'bench', level: logLevel }),
      logLevel,
      port: 0,
      nodeEnv: 'production',
      seed: true,
      pubsub: new PubSub(),
    });
    return {
      ...stack,
      redisUrl: databases.redisUrl,
      async stop() {
        await stack.stop();
        await databases.drop();
      },
    };
  } catch (error) {
    await databases.drop();
    throw error;
  }
}
