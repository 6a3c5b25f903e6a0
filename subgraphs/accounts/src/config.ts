import { commonEnv, databaseUrlFor, parseEnv, port } from '@travel/config';
import { z } from 'zod';

const Env = z.object({
  ...commonEnv,
  PORT: port(4001),
  /** Interface to listen on; default 127.0.0.1 (set 0.0.0.0 inside a container). */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** `DATABASE_URL_ACCOUNTS`, or `DATABASE_URL` with the database name set to `accounts`. */
  DATABASE_URL: z.url(),
  /** Lifetime of the JWTs signUp and logIn issue; default 3600 s. */
  JWT_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
});

export type Config = Readonly<z.infer<typeof Env>>;

/** Reads and checks the accounts config; throws listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return parseEnv(Env, { ...env, DATABASE_URL: databaseUrlFor(env, 'accounts') }, 'accounts');
}
