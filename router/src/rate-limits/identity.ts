import type { Viewer } from '@travel/auth';

/** Which limit applies; also the policy's name in the `RateLimit` headers. */
export type RateLimitPolicyName = 'anonymous' | 'user' | 'partner';

export interface RateLimitIdentity {
  policy: RateLimitPolicyName;
  /** Whose points: the API key, the user, or the client's address. */
  key: string;
}

/**
 * Who pays for an operation: a partner's API key (its plan, whichever user owns it), else the
 * signed-in user (one budget over all their devices), else the client's address.
 */
export function rateLimitIdentity(viewer: Viewer | null, clientAddress: string): RateLimitIdentity {
  if (viewer?.apiKeyId) return { policy: 'partner', key: viewer.apiKeyId };
  if (viewer) return { policy: 'user', key: viewer.userId };
  return { policy: 'anonymous', key: clientAddress };
}
