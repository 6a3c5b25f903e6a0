import { errors } from '@travel/errors';
import { isUuid } from '@travel/subgraph-kit';
import { z } from 'zod';

/** Trimmed text of `1..max` characters; messages name the field, clients show them as they are. */
export const text = (field: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`);

/** An optional id: a UUID (stored lower case), or null. */
export const optionalId = (message: string) =>
  z
    .string()
    .refine(isUuid, message)
    .transform((id) => id.toLowerCase())
    .nullish()
    .transform((id) => id ?? null);

/**
 * Parses `value` with `schema`, or throws BAD_USER_INPUT whose `field` is the first bad
 * field of the input (`endDate`), so a client can show the message next to it.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.');
  throw errors.badInput(issue?.message ?? 'Invalid input', field || undefined);
}
