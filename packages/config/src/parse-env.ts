import { z } from 'zod';

/**
 * Parses `env` with `schema`; throws one error that lists every bad variable, so an operator
 * fixes them all in one go instead of one per restart.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  service: string,
): Readonly<z.infer<S>> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid ${service} config:\n${z.prettifyError(parsed.error)}`);
  }
  return Object.freeze(parsed.data);
}

/**
 * The database URL of one subgraph: `DATABASE_URL_<NAME>` when set, else `DATABASE_URL` (a
 * server URL) with the database name replaced by `<name>`. One server can so hold all four
 * databases, and any one of them can live elsewhere.
 */
export function databaseUrlFor(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const own = env[`DATABASE_URL_${name.toUpperCase()}`];
  if (own) return own;
  const base = env.DATABASE_URL;
  if (!base) return undefined;
  try {
    const url = new URL(base);
    url.pathname = `/${name}`;
    return url.toString();
  } catch {
    return base; // let the schema report it as an invalid URL
  }
}
