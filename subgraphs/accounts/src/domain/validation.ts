import type { Role } from '@travel/auth';
import { z } from 'zod';

/** Emails are stored trimmed and lower-cased, so uniqueness and logIn ignore case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const email = z.string().transform(normalizeEmail).pipe(z.email('must be a valid email address'));
const password = z
  .string()
  .min(10, 'must have at least 10 characters')
  .max(200, 'must have at most 200 characters');
const name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must have at most 100 characters');

export const SignUpInputSchema = z.object({
  email,
  password,
  name,
  // ADMIN exists but is granted by an operator, never chosen at sign-up.
  role: z
    .enum(['TRAVELER', 'PARTNER'], 'must be TRAVELER or PARTNER')
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
