import { describe, expect, it } from 'vitest';
import { createIdentityLimits } from './identity-limits.ts';

describe('createIdentityLimits', () => {
  it('gives an identity at most the limit, and each released slot back once', () => {
    const limits = createIdentityLimits({ maxConnections: 2, maxSubscriptions: 1 });
    const first = limits.connection('user:a');
    expect(limits.connection('user:a')).not.toBeNull();
    expect(limits.connection('user:a')).toBeNull();
    first?.release();
    first?.release(); // a second release must not free a slot it does not hold
    expect(limits.connection('user:a')).not.toBeNull();
    expect(limits.connection('user:a')).toBeNull();
  });

  it('counts identities and kinds separately', () => {
    const limits = createIdentityLimits({ maxConnections: 1, maxSubscriptions: 1 });
    expect(limits.connection('user:a')).not.toBeNull();
    expect(limits.connection('user:b')).not.toBeNull();
    expect(limits.connection('ip:127.0.0.1')).not.toBeNull();
    expect(limits.subscription('user:a')).not.toBeNull();
    expect(limits.subscription('user:a')).toBeNull();
  });
});
