import type { RateLimitPolicyName } from './identity.ts';

/** Where one identity stands in its window. */
export interface RateLimitState {
  policy: RateLimitPolicyName;
  /** Points per window (the quota). */
  limit: number;
  windowSeconds: number;
  /** Points left in the current window; undefined when the limiter could not be asked. */
  remaining?: number;
  /** Seconds until the window restarts (the quota is whole again). */
  resetSeconds?: number;
}

/** `resetSeconds` for a window that ends in `ms`: whole seconds, at least 1 (`t=0` reads as now). */
export const resetSecondsIn = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, structured-field
 * lists): `RateLimit-Policy: "user";q=50000;w=60` always, and `RateLimit: "user";r=49990;t=58`
 * when the limiter answered. Quota units are cost points, not requests.
 */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  const name = `"${state.policy}"`;
  const headers: Record<string, string> = {
    'ratelimit-policy': `${name};q=${state.limit};w=${state.windowSeconds}`,
  };
  if (state.remaining !== undefined && state.resetSeconds !== undefined) {
    headers.ratelimit = `${name};r=${Math.max(0, state.remaining)};t=${state.resetSeconds}`;
  }
  return headers;
}
