import type { z } from 'zod';

/** The keys an operator must set: those whose variable has no default and may not be absent. */
type RequiredKeys<S extends z.ZodObject> = {
  [K in keyof z.input<S>]-?: undefined extends z.input<S>[K] ? never : K;
}[keyof z.input<S>];

/**
 * Typed values for a config (the stack, tests): everything the schema requires, any of the
 * rest. Values are the parsed kind (numbers, arrays), not the strings of an environment.
 */
export type ConfigValues<S extends z.ZodObject> = Partial<z.output<S>> &
  Pick<z.output<S>, RequiredKeys<S> & keyof z.output<S>>;

/**
 * The config `parseEnv(schema, env)` would give, built from typed values instead of an
 * environment: the schema's own defaults under `overrides`, so a service started in-process
 * and one started from its environment share one schema and one set of defaults. A string or
 * number override is checked by its variable's rule (a short JWT_SECRET, a port out of range);
 * throws one error listing every bad or missing value.
 */
export function configFromValues<S extends z.ZodObject>(
  schema: S,
  overrides: ConfigValues<S>,
  service: string,
): Readonly<z.output<S>> {
  const defaults = schema.partial().parse({}) as Record<string, unknown>;
  const values: Record<string, unknown> = { ...defaults, ...overrides };
  const problems: string[] = [];
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const value = values[key];
    const checkable = value === undefined || typeof value === 'string' || typeof value === 'number';
    if (!checkable) continue;
    const parsed = field.safeParse(value);
    if (!parsed.success) problems.push(`${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    else if (value !== undefined) values[key] = parsed.data;
  }
  if (problems.length > 0) {
    throw new Error(`Invalid ${service} config:\n${problems.map((p) => `✖ ${p}`).join('\n')}`);
  }
  return Object.freeze(values) as Readonly<z.output<S>>;
}
