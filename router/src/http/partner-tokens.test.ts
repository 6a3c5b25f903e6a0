import type { Viewer } from '@travel/auth';
import { describe, expect, it } from 'vitest';
import { createPartnerTokenCache } from './partner-tokens.ts';

const partner: Viewer = { userId: 'u1', role: 'PARTNER', apiKeyId: 'k1' };

function setUp() {
  let clock = 1_000_000;
  const minted: Viewer[] = [];
  const issue = createPartnerTokenCache({
    mint: async (viewer) => {
      minted.push(viewer);
      return `token-${minted.length}`;
    },
    ttlSeconds: 60,
    minRemainingSeconds: 40,
    maxEntries: 2,
    now: () => clock,
  });
  return { issue, minted, advance: (ms: number) => (clock += ms) };
}

describe('createPartnerTokenCache', () => {
  it('reuses a partner token while it has enough life left, then mints a fresh one', async () => {
    const { issue, minted, advance } = setUp();
    expect(await issue(partner)).toBe('token-1');
    advance(18_000);
    expect(await issue({ ...partner })).toBe('token-1');
    advance(2_000); // 59 s of life minus 20 s: less than 40 s left
    expect(await issue(partner)).toBe('token-2');
    expect(minted).toHaveLength(2);
  });

  it('keeps partners, roles and keys apart', async () => {
    const { issue } = setUp();
    const tokens = await Promise.all([
      issue(partner),
      issue({ ...partner, apiKeyId: 'k2' }),
      issue({ ...partner, userId: 'u2' }),
      issue({ ...partner, role: 'ADMIN' }),
    ]);
    expect(new Set(tokens).size).toBe(4);
  });

  it('does not keep a failed mint', async () => {
    let fail = true;
    const issue = createPartnerTokenCache({
      mint: async () => {
        if (fail) throw new Error('no key');
        return 'token';
      },
      ttlSeconds: 60,
      minRemainingSeconds: 40,
    });
    await expect(issue(partner)).rejects.toThrow('no key');
    fail = false;
    expect(await issue(partner)).toBe('token');
  });

  it('holds at most maxEntries partners, dropping the oldest', async () => {
    const { issue, minted } = setUp();
    await issue(partner);
    await issue({ ...partner, apiKeyId: 'k2' });
    await issue({ ...partner, apiKeyId: 'k3' });
    await issue(partner);
    expect(minted).toHaveLength(4);
  });

  it('refuses a reuse margin as long as the token life', () => {
    expect(() =>
      createPartnerTokenCache({ mint: async () => 't', ttlSeconds: 60, minRemainingSeconds: 60 }),
    ).toThrow();
  });
});
