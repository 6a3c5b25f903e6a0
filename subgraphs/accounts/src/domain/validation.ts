import type { Role } from '@travel/auth';
import { errors } from '@travel/errors';
import { z } from 'zod';

/** Emails are stored trimmed and lower-cased, so uniqueness and logIn ignore case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const email = z.string().transform(normalizeEmail).pipe(z.email('email is not a valid address'));
const password = z
  .string()
  .min(10, 'password must have at least 10 characters')
  .max(200, 'password must have at most 200 characters');
const name = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(100, 'name must have at most 100 characters');

export const SignUpInputSchema = z.object({
  email,
  password,
  name,
  // ADMIN exists but is granted by an operator, never chosen at sign-up.
  role: z
    .enum(['TRAVELER', 'PARTNER'], 'role must be TRAVELER or PARTNER')
    .nullish()
    .transform((role) => role ?? 'TRAVELER'),
});

/** signUp's input as clients send it; SignUpInputSchema decides what passes. */
export interface SignUpInput {
  email: string;
  password: string;
  name: string;
  role?: Role | null;
}

/** createApiKey's arguments: a label the partner recognises the key by. */
export const CreateApiKeySchema = z.object({ name });

/**
 * Parses `value` with `schema`, or throws BAD_USER_INPUT naming the first bad field (clients
 * show the message next to it).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.');
  throw errors.badInput(issue?.message ?? 'Invalid input', field || undefined);
}
