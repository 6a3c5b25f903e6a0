import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const base = {
  JWT_SECRET: 'a-test-secret-that-is-long-enough-for-hs256',
  DATABASE_URL_ACCOUNTS: 'postgres://localhost/accounts',
};

describe('loadConfig', () => {
  it('throttles sign-in by default, in process, trusting the router on loopback', () => {
    expect(loadConfig(base)).toMatchObject({
      REDIS_KEY_PREFIX: 'accounts:',
      REDIS_TIMEOUT_MS: 50,
      TRUSTED_PROXIES: ['loopback'],
      LOGIN_MAX_FAILURES: 5,
      LOGIN_FAILURE_WINDOW_SECONDS: 900,
      LOGIN_MAX_BLOCK_SECONDS: 86_400,
      LOGIN_MAX_FAILURES_PER_ADDRESS: 100,
      SIGNUP_MAX_PER_ADDRESS: 100,
      SIGNUP_MAX_TAKEN_PER_ADDRESS: 10,
      SIGNUP_WINDOW_SECONDS: 3600,
    });
    expect(loadConfig(base).REDIS_URL).toBeUndefined();
  });

  it('refuses bad limits and proxies, naming them', () => {
    const load = () =>
      loadConfig({ ...base, LOGIN_MAX_FAILURES: '0', TRUSTED_PROXIES: 'router.internal' });
    expect(load).toThrow('LOGIN_MAX_FAILURES');
    expect(load).toThrow('TRUSTED_PROXIES');
  });
});
