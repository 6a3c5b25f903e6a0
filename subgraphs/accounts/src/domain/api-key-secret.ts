import { createHash, randomBytes } from 'node:crypto';

/** Recognisable prefix: secret scanners and humans can tell a leaked key at a glance. */
const PREFIX = 'tsk_';
const SECRET_BYTES = 32;
// base64url of 32 bytes, unpadded.
const SECRET_PATTERN = /^tsk_[A-Za-z0-9_-]{43}$/;

/** A new API key secret: `tsk_` + 32 random bytes (base64url). Shown to its owner once. */
export function generateApiKeySecret(): string {
  return PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
}

/**
 * What the database keeps instead of the secret: sha256 hex. The secret has 256 random bits,
 * so a fast hash is enough (nothing to brute-force) and lookups stay one index probe.
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether `value` has the shape of a secret we issue (cheap check before any query). */
export function looksLikeApiKeySecret(value: string): boolean {
  return SECRET_PATTERN.test(value);
}
