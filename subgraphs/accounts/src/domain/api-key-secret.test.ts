import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKeySecret, hashApiKeySecret, looksLikeApiKeySecret } from './api-key-secret.ts';

describe('API key secrets', () => {
  it('are tsk_ + 32 random bytes in base64url', () => {
    const secret = generateApiKeySecret();
    expect(secret).toMatch(/^tsk_[\w-]{43}$/);
    expect(Buffer.from(secret.slice(4), 'base64url')).toHaveLength(32);
    expect(generateApiKeySecret()).not.toBe(secret);
    expect(looksLikeApiKeySecret(secret)).toBe(true);
  });

  it('are stored as sha256 hex', () => {
    const secret = generateApiKeySecret();
    expect(hashApiKeySecret(secret)).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(hashApiKeySecret(secret)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses shapes we never issue', () => {
    for (const bad of ['', 'tsk_', 'tsk_short', `sk_${'a'.repeat(43)}`, `tsk_${'a'.repeat(44)}`]) {
      expect(looksLikeApiKeySecret(bad)).toBe(false);
    }
  });
});
