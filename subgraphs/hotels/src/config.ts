import { commonEnv, databaseUrlFor, parseEnv, port } from '@travel/config';
import { z } from 'zod';

const Env = z.object({
  ...commonEnv,
  PORT: port(4002),
  /** `DATABASE_URL_HOTELS`, or `DATABASE_URL` pointed at the database `hotels`. */
  DATABASE_URL: z.url(),
});

export type Config = Readonly<z.infer<typeof Env>>;

/** Throws one error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return parseEnv(Env, { ...env, DATABASE_URL: databaseUrlFor(env, 'hotels') }, 'hotels');
}
