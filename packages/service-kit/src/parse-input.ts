import { errors } from '@travel/errors';
import type { z } from 'zod';

/**
 * Parses `value` with `schema`, or throws BAD_USER_INPUT naming the first bad field by its path
 * from the GraphQL arguments (`input.starRating`), so a client can point at it. Schema messages
 * are predicates ("must be at most 200 characters"); the path is put in front of them.
 *
 * `argument` is the name of the argument `value` came from when it is one input object
 * (`input`); loose arguments are passed as an object of them, without `argument`, so the path
 * is the argument's own name (`rating`).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  argument?: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [argument, ...(issue?.path ?? [])].filter((part) => part !== undefined);
  // An issue on the whole value (a refine without a path, say) still names something.
  const field = path.map(String).join('.') || 'input';
  throw errors.badInput(`${field} ${issue?.message ?? 'is invalid'}`, field);
}
