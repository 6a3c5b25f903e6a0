import { describe, expect, it } from 'vitest';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('stores a self-describing scrypt string with a 16-byte salt', async () => {
    const stored = await hashPassword('correct horse battery');
    const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
    expect({ scheme, n, r, p, rest }).toEqual({
      scheme: 'scrypt',
      n: '16384',
      r: '8',
      p: '1',
      rest: [],
    });
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(hash ?? '', 'base64url')).toHaveLength(64);
    expect(stored).not.toContain('correct horse battery');
  });

  it('salts every hash differently', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password'),
      hashPassword('same password'),
    ]);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('verifies with the parameters stored in the hash, not the current defaults', async () => {
    const stored = await hashPassword('old parameters');
    const [, , , , salt, hash] = stored.split('$');
    // Same salt and key under other parameters must not match: the parameters are really used.
    await expect(verifyPassword('old parameters', `scrypt$1024$8$1$${salt}$${hash}`)).resolves.toBe(
      false,
    );
  });

  it('treats malformed or abusive stored strings as no match', async () => {
    const stored = await hashPassword('whatever123');
    const salt = stored.split('$')[4];
    const key = stored.split('$')[5];
    for (const bad of [
      '',
      'plain-text-password',
      `bcrypt$16384$8$1$${salt}$${key}`,
      `scrypt$1000$8$1$${salt}$${key}`, // N not a power of two
      `scrypt$${2 ** 30}$8$1$${salt}$${key}`, // N too large to compute
      `scrypt$16384$8$1$${salt}$`,
      `${stored}$extra`,
    ]) {
      await expect(verifyPassword('whatever123', bad)).resolves.toBe(false);
    }
  });

  it('has a dummy hash that is well-formed and matches nothing', async () => {
    expect(DUMMY_PASSWORD_HASH).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    await expect(verifyPassword('', DUMMY_PASSWORD_HASH)).resolves.toBe(false);
    await expect(verifyPassword('anything at all', DUMMY_PASSWORD_HASH)).resolves.toBe(false);
  });
});
