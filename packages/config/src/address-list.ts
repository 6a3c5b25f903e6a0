import { isIP } from 'node:net';
import { z } from 'zod';

/** proxy-addr's (and so express's `trust proxy`) names for whole ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An IPv4/IPv6 address, optionally with a `/prefix`, or one of the range names. */
export function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * A comma-separated list of addresses, CIDRs and range names (`loopback`, `linklocal`,
 * `uniquelocal`) as express's `trust proxy` takes them; `fallback` when unset. An empty
 * value is an empty list.
 */
export const addressList = (fallback: readonly string[]) =>
  z
    .string()
    .default(fallback.join(','))
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .refine((entries) => entries.every(isAddressOrRange), {
      message: 'expected addresses, CIDRs or loopback/linklocal/uniquelocal, comma-separated',
    });
