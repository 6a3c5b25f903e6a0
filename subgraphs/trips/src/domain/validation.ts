import { isUuid } from '@travel/service-kit';
import { z } from 'zod';

/** Trimmed text of `1..max` characters. */
export const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** An optional id: a UUID (stored lower case), or null. */
export const optionalId = (message: string) =>
  z
    .string()
    .refine(isUuid, message)
    .transform((id) => id.toLowerCase())
    .nullish()
    .transform((id) => id ?? null);
