import { commonEnv, databaseUrlFor, parseEnv, port } from '@travel/config';
import { z } from 'zod';

const Env = z.object({
  ...commonEnv,
  PORT: port(4001),
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
