import { type ConfigValues, subgraphConfig, subgraphEnv } from '@travel/config';
import { z } from 'zod';

const Env = z.object(subgraphEnv(4002));

export type Config = Readonly<z.infer<typeof Env>>;
export type ConfigOverrides = ConfigValues<typeof Env>;

/** `loadConfig(env)` for main.ts, `configFrom(values)` for the stack and tests. */
export const { loadConfig, configFrom } = subgraphConfig('hotels', Env);
