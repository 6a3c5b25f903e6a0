import { z } from 'zod';
import { isCountryCode } from './country-codes.ts';

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export const intBetween = (min: number, max: number) =>
  z
    .int()
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);

/** Trimmed text of `min..max` characters. */
export const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);

/** ISO 3166-1 alpha-2, accepted in any case and stored upper case. */
export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code such as PT');

/** ISO 4217 (the currencies in use that ICU knows), accepted in any case, stored upper case. */
export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => CURRENCIES.has(code), 'must be an ISO 4217 currency code such as EUR');
