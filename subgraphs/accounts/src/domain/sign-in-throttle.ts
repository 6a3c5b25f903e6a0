import { createHash } from 'node:crypto';
import { AppError } from '@travel/errors';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { createThrottleLimiter, type ThrottleStore } from './throttle-limiter.ts';
import { normalizeEmail } from './validation.ts';

const DAY_SECONDS = 86_400;

export interface SignInLimits {
  loginMaxFailures: number;
  loginFailureWindowSeconds: number;
  loginMaxBlockSeconds: number;
  loginMaxFailuresPerAddress: number;
  signUpMaxPerAddress: number;
  signUpMaxTakenPerAddress: number;
  signUpWindowSeconds: number;
}

/**
 * Throttles guessing at sign-in and probing emails at sign-up (rate-limiter-flexible's login
 * endpoint protection). Every method works alike for an email with or without an account:
 * keys are the email as typed (normalized), never whether it exists.
 */
export interface SignInThrottle {
  /** Throws RATE_LIMITED when this email from this address, or this address, is blocked. */
  checkLogIn(email: string, address: string): Promise<void>;
  /** A wrong password or an unknown email; reaching the limit blocks, longer each time. */
  loginFailed(email: string, address: string): Promise<void>;
  /** The right password: this email and address start afresh. */
  loginSucceeded(email: string, address: string): Promise<void>;
  /** Spends one signUp attempt of the address; throws RATE_LIMITED when it has none left. */
  checkSignUp(address: string): Promise<void>;
  /** signUp answered that the email is taken: counted apart, on a tighter budget. */
  signUpEmailTaken(address: string): Promise<void>;
}

/** A refusal with the seconds to wait; the same words whether the account exists or not. */
export function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError(`Too many attempts; try again in ${retryAfterSeconds} s`, 'RATE_LIMITED', {
    retryAfterSeconds,
  });
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** A spend's outcome, whether it fit (resolved) or went over (rejected with a RateLimiterRes). */
const spend = (limiter: RateLimiterAbstract, key: string) =>
  limiter.consume(key).catch((outcome: unknown) => {
    if (outcome instanceof RateLimiterRes) return outcome;
    throw outcome;
  });

export function createSignInThrottle(store: ThrottleStore, limits: SignInLimits): SignInThrottle {
  const limiter = (name: string, points: number, duration: number) =>
    createThrottleLimiter(store, name, points, duration);
  const pair = limiter('login', limits.loginMaxFailures, limits.loginFailureWindowSeconds);
  // Blocks of one email+address within a day, for the doubling (never itself refuses).
  const blocks = limiter('login-blocks', Number.MAX_SAFE_INTEGER, DAY_SECONDS);
  const byAddress = limiter('login-address', limits.loginMaxFailuresPerAddress, DAY_SECONDS);
  const signUps = limiter('signup', limits.signUpMaxPerAddress, limits.signUpWindowSeconds);
  const taken = limiter(
    'signup-taken',
    limits.signUpMaxTakenPerAddress,
    limits.signUpWindowSeconds,
  );

  // Emails are hashed into keys: Redis need not hold a list of them.
  const pairKey = (email: string, address: string) =>
    `${createHash('sha256').update(normalizeEmail(email)).digest('base64url')}:${address}`;

  /** Seconds until `key` may go on, when it used its `points` up; 0 when it may now. */
  const waitOf = async (limiter: RateLimiterAbstract, key: string, points: number) => {
    const res = await limiter.get(key);
    return res && res.consumedPoints >= points ? seconds(res.msBeforeNext) : 0;
  };
  const refuseIfWaiting = (waits: number[]) => {
    const wait = Math.max(...waits);
    if (wait > 0) throw rateLimited(wait);
  };

  return {
    async checkLogIn(email, address) {
      refuseIfWaiting(
        await Promise.all([
          waitOf(pair, pairKey(email, address), limits.loginMaxFailures),
          waitOf(byAddress, address, limits.loginMaxFailuresPerAddress),
        ]),
      );
    },
    async loginFailed(email, address) {
      const key = pairKey(email, address);
      const [failures] = await Promise.all([spend(pair, key), spend(byAddress, address)]);
      if (failures.consumedPoints < limits.loginMaxFailures) return;
      // The limit is reached: block, twice as long as the time before (within a day).
      const { consumedPoints: nth } = await spend(blocks, key);
      const length = limits.loginFailureWindowSeconds * 2 ** Math.min(nth - 1, 20);
      await pair.block(key, Math.min(length, limits.loginMaxBlockSeconds));
    },
    async loginSucceeded(email, address) {
      const key = pairKey(email, address);
      await Promise.all([pair.delete(key), blocks.delete(key)]);
    },
    async checkSignUp(address) {
      refuseIfWaiting([await waitOf(taken, address, limits.signUpMaxTakenPerAddress)]);
      const attempt = await spend(signUps, address);
      if (attempt.consumedPoints > limits.signUpMaxPerAddress) {
        throw rateLimited(seconds(attempt.msBeforeNext));
      }
    },
    async signUpEmailTaken(address) {
      await spend(taken, address);
    },
  };
}
