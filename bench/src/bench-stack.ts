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

export interface BenchStackOptions extends Pick<StackOptions, 'onQuery' | 'routerEnv'> {
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
  const { logLevel = 'warn', ...rest } = options;
  const databases = await provisionDatabases(SUBGRAPH_NAMES);
  try {
    const stack = await startStack({
      ...rest,
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
