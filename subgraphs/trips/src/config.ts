import { type ConfigValues, redisUrl, subgraphConfig, subgraphEnv } from '@travel/config';
import { z } from 'zod';

const Env = z.object({
  ...subgraphEnv(4004),
  /** The bookings subgraph, asked whether a booking linked to an item is the owner's. */
  BOOKINGS_URL: z.url().default('http://localhost:4003/graphql'),
  /** How long to wait for bookings before answering SERVICE_UNAVAILABLE; default 1000 ms. */
  BOOKINGS_TIMEOUT_MS: z.coerce.number().int().positive().default(1000),
  /**
   * Redis for entity changes (`tripUpdated`); without it they stay in this process. One server
   * or a Cluster (`redis+cluster://host1:port,host2:port`), as the router's REDIS_URL.
   */
  REDIS_URL: redisUrl(),
});

export type Config = Readonly<z.infer<typeof Env>>;
export type ConfigOverrides = ConfigValues<typeof Env>;

/** `loadConfig(env)` for main.ts, `configFrom(values)` for the stack and tests. */
export const { loadConfig, configFrom } = subgraphConfig('trips', Env);
