import { type ConfigValues, redisUrl, subgraphConfig, subgraphEnv } from '@travel/config';
import { z } from 'zod';

const Env = z.object({
  ...subgraphEnv(4003),
  /** The hotels subgraph, asked for a room type's capacity, rate and owner. */
  HOTELS_URL: z.url().default('http://localhost:4002/graphql'),
  /** Time allowed to one call to hotels; default 1000 ms. */
  HOTELS_TIMEOUT_MS: z.coerce.number().int().positive().default(1000),
  /** Extra attempts after a network error or a 5xx from hotels; default 2. */
  HOTELS_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** How long a PENDING booking holds its rooms before the sweeper cancels it; default 15. */
  BOOKING_HOLD_MINUTES: z.coerce.number().int().positive().default(15),
  /** How often the hold sweeper runs; default 30 000 ms. */
  HOLD_SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
  /**
   * Redis for entity changes; without it they stay in this process. One server or a Cluster
   * (`redis+cluster://host1:port,host2:port`), as the router's REDIS_URL.
   */
  REDIS_URL: redisUrl(),
});

export type Config = Readonly<z.infer<typeof Env>>;
export type ConfigOverrides = ConfigValues<typeof Env>;

/** `loadConfig(env)` for main.ts, `configFrom(values)` for the stack and tests. */
export const { loadConfig, configFrom } = subgraphConfig('bookings', Env);
