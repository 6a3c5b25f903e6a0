import { HeaderMap } from '@apollo/server';
import { AppError } from '@travel/errors';
import type { RateLimitDecision } from './rate-limits.ts';

/**
 * RATE_LIMITED with the seconds to wait (`extensions.retryAfterSeconds`); over HTTP it answers
 * 429 with `Retry-After` (Apollo reads `extensions.http` and strips it from the answer).
 */
export function rateLimitedError(decision: RateLimitDecision, http = true): AppError {
  const retryAfterSeconds = decision.resetSeconds ?? decision.windowSeconds;
  return new AppError(
    `Rate limit exceeded; retry in ${retryAfterSeconds} s`,
    'RATE_LIMITED',
    http
      ? {
          retryAfterSeconds,
          http: {
            status: 429,
            headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]),
          },
        }
      : { retryAfterSeconds },
  );
}
