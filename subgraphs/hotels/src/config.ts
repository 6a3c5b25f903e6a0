import {
  type ConfigValues,
  configFromValues,
  databaseUrlFor,
  parseEnv,
  subgraphEnv,
} from '@travel/config';
import { z } from 'zod';

const Env = z.object(subgraphEnv(4002));

export type Config = Readonly<z.infer<typeof Env>>;
export type ConfigOverrides = ConfigValues<typeof Env>;

/** Throws one error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return parseEnv(Env, { ...env, DATABASE_URL: databaseUrlFor(env, 'hotels') }, 'hotels');
}

/** The same config from typed values (the stack, tests); see @travel/config's configFromValues. */
export function configFrom(overrides: ConfigOverrides): Config {
  return configFromValues(Env, overrides, 'hotels');
}
