import {
  addressList,
  type ConfigValues,
  redisUrl,
  subgraphConfig,
  subgraphEnv,
} from '@travel/config';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const Env = z.object({
  ...subgraphEnv(4001),
  /** Lifetime of the JWTs signUp and logIn issue; default 3600 s. */
  JWT_TTL_SECONDS: positiveInt(3600),
  /**
   * Sign-in throttling counters, shared by every accounts instance. Unset: in process (one
   * instance only). One server or a Cluster, as the router's REDIS_URL.
   */
  REDIS_URL: redisUrl(),
  /** Prefix of the Redis keys accounts writes; default `accounts:`. */
  REDIS_KEY_PREFIX: z.string().min(1).default('accounts:'),
  /** A throttle check slower than this uses this instance's own counters instead. Default 50 ms. */
  REDIS_TIMEOUT_MS: positiveInt(50),
  /**
   * Proxies whose `X-Forwarded-For` names the client (addresses, CIDRs, `loopback` …);
   * default `loopback`: the router on the same host. In a cluster, the routers' addresses.
   */
  TRUSTED_PROXIES: addressList(['loopback']),
  /**
   * Failed logIn attempts for one email from one address before further attempts (even with
   * the right password) answer RATE_LIMITED. Default 5.
   */
  LOGIN_MAX_FAILURES: positiveInt(5),
  /**
   * The window those failures count in, and the first block's length; each further block
   * of the same email and address within a day lasts twice as long. Default 900 s (15 min).
   */
  LOGIN_FAILURE_WINDOW_SECONDS: positiveInt(900),
  /** The longest block (the doubling stops there). Default 86400 s (a day). */
  LOGIN_MAX_BLOCK_SECONDS: positiveInt(86_400),
  /** Failed logIn attempts from one address, over all emails, per day. Default 100. */
  LOGIN_MAX_FAILURES_PER_ADDRESS: positiveInt(100),
  /** signUp attempts from one address per SIGNUP_WINDOW_SECONDS. Default 100. */
  SIGNUP_MAX_PER_ADDRESS: positiveInt(100),
  /**
   * signUp answers "email already belongs to an account" from one address per window; then
   * every signUp from it answers RATE_LIMITED, so emails can not be probed at speed. Default 10.
   */
  SIGNUP_MAX_TAKEN_PER_ADDRESS: positiveInt(10),
  /** Default 3600 s (an hour). */
  SIGNUP_WINDOW_SECONDS: positiveInt(3600),
});

export type Config = Readonly<z.infer<typeof Env>>;
export type ConfigOverrides = ConfigValues<typeof Env>;

/** `loadConfig(env)` for main.ts, `configFrom(values)` for the stack and tests. */
export const { loadConfig, configFrom } = subgraphConfig('accounts', Env);
