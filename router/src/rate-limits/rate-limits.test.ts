import { createLogger } from '@travel/logger';
import { describe, expect, it } from 'vitest';
import { createRateLimits } from './rate-limits.ts';

const limitsOf = (points: number) =>
  createRateLimits({
    keyPrefix: 'test:',
    windowSeconds: 60,
    points: { anonymous: points, user: points * 10, partner: points * 100 },
    timeoutMs: 50,
    syncMs: 20,
    onRefused: () => {},
    onFailOpen: () => {},
    log: createLogger({ service: 'test', level: 'silent' }),
  });

describe('createRateLimits (in process)', () => {
  it('spends the cost until the quota is gone, per identity', async () => {
    const limits = limitsOf(10);
    const anonymous = { policy: 'anonymous' as const, key: '1.2.3.4' };
    expect(await limits.spend(anonymous, 4)).toMatchObject({ allowed: true, remaining: 6 });
    expect(await limits.spend(anonymous, 6)).toMatchObject({ allowed: true, remaining: 0 });
    const refused = await limits.spend(anonymous, 1);
    expect(refused).toMatchObject({ allowed: false, policy: 'anonymous', limit: 10 });
    expect(refused.resetSeconds).toBeGreaterThan(0);
    expect(refused.resetSeconds).toBeLessThanOrEqual(60);
    // Another address, and the same key under another policy, have their own windows.
    expect(await limits.spend({ policy: 'anonymous', key: '5.6.7.8' }, 1)).toMatchObject({
      allowed: true,
    });
    expect(await limits.spend({ policy: 'user', key: '1.2.3.4' }, 1)).toMatchObject({
      allowed: true,
      remaining: 99,
    });
  });

  it('charges at least 1 and at most the whole quota', async () => {
    const limits = limitsOf(10);
    const who = { policy: 'anonymous' as const, key: 'a' };
    expect(await limits.spend(who, 0)).toMatchObject({ allowed: true, remaining: 9 });
    const fresh = { policy: 'anonymous' as const, key: 'b' };
    expect(await limits.spend(fresh, 1_000_000)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limits.spend(fresh, 1)).toMatchObject({ allowed: false });
  });
});
