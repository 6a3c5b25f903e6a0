import { describe, expect, it } from 'vitest';
import { rateLimitHeaders } from './headers.ts';
import { rateLimitIdentity } from './identity.ts';

describe('rateLimitHeaders', () => {
  it('writes the policy and the state as structured-field lists', () => {
    expect(
      rateLimitHeaders({
        policy: 'user',
        limit: 100,
        windowSeconds: 60,
        remaining: 42,
        resetSeconds: 17,
      }),
    ).toEqual({ 'ratelimit-policy': '"user";q=100;w=60', ratelimit: '"user";r=42;t=17' });
  });

  it('states the policy alone when the limiter could not be asked', () => {
    expect(rateLimitHeaders({ policy: 'anonymous', limit: 5, windowSeconds: 1 })).toEqual({
      'ratelimit-policy': '"anonymous";q=5;w=1',
    });
  });
});

describe('rateLimitIdentity', () => {
  it('charges the API key, else the user, else the address', () => {
    const partner = { userId: 'u1', role: 'PARTNER' as const, apiKeyId: 'k1' };
    expect(rateLimitIdentity(partner, '1.2.3.4')).toEqual({ policy: 'partner', key: 'k1' });
    expect(rateLimitIdentity({ userId: 'u1', role: 'TRAVELER' }, '1.2.3.4')).toEqual({
      policy: 'user',
      key: 'u1',
    });
    expect(rateLimitIdentity(null, '1.2.3.4')).toEqual({ policy: 'anonymous', key: '1.2.3.4' });
  });
});
