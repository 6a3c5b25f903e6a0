import { describe, expect, it, vi } from 'vitest';
import { createSignInThrottle, type SignInLimits } from './sign-in-throttle.ts';

const limits: SignInLimits = {
  loginMaxFailures: 3,
  loginFailureWindowSeconds: 1,
  loginMaxBlockSeconds: 3,
  loginMaxFailuresPerAddress: 100,
  signUpMaxPerAddress: 2,
  signUpMaxTakenPerAddress: 1,
  signUpWindowSeconds: 60,
};
const inProcess = () => createSignInThrottle({ keyPrefix: 'test:', timeoutMs: 50 }, limits);

/** The retry time of a refused check, or undefined when it passes. */
async function retryAfter(check: Promise<void>): Promise<number | undefined> {
  try {
    await check;
    return undefined;
  } catch (error) {
    expect(error).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    return (error as { extensions: { retryAfterSeconds: number } }).extensions.retryAfterSeconds;
  }
}

describe('createSignInThrottle', () => {
  it('blocks an email+address at the limit, then twice as long after the next block', async () => {
    const throttle = inProcess();
    const fail = async (times: number) => {
      for (let i = 0; i < times; i++) {
        expect(await retryAfter(throttle.checkLogIn('A@x.test', '1.1.1.1'))).toBeUndefined();
        await throttle.loginFailed('a@x.test ', '1.1.1.1');
      }
    };
    await fail(3);
    // Email case and spaces do not make another key.
    expect(await retryAfter(throttle.checkLogIn('a@x.test', '1.1.1.1'))).toBe(1);
    expect(await retryAfter(throttle.checkLogIn('a@x.test', '2.2.2.2'))).toBeUndefined();
    await vi.waitFor(
      async () =>
        expect(await retryAfter(throttle.checkLogIn('a@x.test', '1.1.1.1'))).toBeUndefined(),
      { timeout: 5000, interval: 100 },
    );
    await fail(3);
    expect(await retryAfter(throttle.checkLogIn('a@x.test', '1.1.1.1'))).toBe(2);
  });

  it('starts afresh after a success', async () => {
    const throttle = inProcess();
    for (let i = 0; i < 2; i++) await throttle.loginFailed('a@x.test', '1.1.1.1');
    await throttle.loginSucceeded('a@x.test', '1.1.1.1');
    for (let i = 0; i < 2; i++) await throttle.loginFailed('a@x.test', '1.1.1.1');
    expect(await retryAfter(throttle.checkLogIn('a@x.test', '1.1.1.1'))).toBeUndefined();
  });

  it('counts signUp attempts and taken emails per address', async () => {
    const throttle = inProcess();
    expect(await retryAfter(throttle.checkSignUp('1.1.1.1'))).toBeUndefined();
    await throttle.signUpEmailTaken('1.1.1.1');
    expect(await retryAfter(throttle.checkSignUp('1.1.1.1'))).toBeGreaterThan(0);
    expect(await retryAfter(throttle.checkSignUp('2.2.2.2'))).toBeUndefined();
    expect(await retryAfter(throttle.checkSignUp('2.2.2.2'))).toBeUndefined();
    expect(await retryAfter(throttle.checkSignUp('2.2.2.2'))).toBeGreaterThan(0);
  });
});
