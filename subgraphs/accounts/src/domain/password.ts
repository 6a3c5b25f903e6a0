import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's minimum for scrypt (N=2^14, r=8, p=1): ~16 MiB and tens of ms per hash. */
const PARAMS: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 64;
// Refuse stored parameters that would make one verification eat the machine.
const MAX_N = 2 ** 20;
const MAX_RP = 16;

/** Hashes a password as `scrypt$N$r$p$salt$hash` (salt and hash base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, PARAMS);
  return format(PARAMS, salt, key);
}

/**
 * Whether `password` matches `stored`. The parameters come from the stored string, so hashes
 * made with older parameters keep working after the defaults change. False for a malformed
 * string; the comparison takes the same time wherever the bytes differ.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.hash.length, parsed.params);
  return timingSafeEqual(key, parsed.hash);
}

/**
 * A well-formed hash no password matches (its key is all zeros, scrypt never yields that).
 * logIn verifies against it when the email is unknown, so an unknown email costs the same
 * scrypt work as a wrong password and timing does not reveal who has an account.
 */
export const DUMMY_PASSWORD_HASH = format(
  PARAMS,
  Buffer.alloc(SALT_BYTES),
  Buffer.alloc(KEY_BYTES),
);

function derive(
  password: string,
  salt: Buffer,
  length: number,
  { N, r, p }: ScryptParams,
): Promise<Buffer> {
  // Node refuses work above maxmem (default 32 MiB); allow what the parameters need.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function format({ N, r, p }: ScryptParams, salt: Buffer, key: Buffer): string {
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | null {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || rest.length > 0) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const { N } = params;
  const valid =
    Number.isInteger(N) &&
    N > 1 &&
    N <= MAX_N &&
    (N & (N - 1)) === 0 &&
    [params.r, params.p].every((v) => Number.isInteger(v) && v >= 1 && v <= MAX_RP);
  if (!valid) return null;
  const saltBytes = Buffer.from(salt, 'base64url');
  const hashBytes = Buffer.from(hash, 'base64url');
  if (saltBytes.length < 8 || hashBytes.length < 16) return null;
  return { params, salt: saltBytes, hash: hashBytes };
}
