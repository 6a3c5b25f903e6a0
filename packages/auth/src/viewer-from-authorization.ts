import { AppError } from '@travel/errors';
import { bearerToken } from './bearer-token.ts';
import type { TokenVerifier } from './token-verifier.ts';
import type { VerifiedToken } from './verified-token-cache.ts';
import type { Viewer } from './viewer.ts';

const HTTP_401 = { http: { status: 401 } };

/**
 * The viewer an `Authorization` header proves: null without a header, an UNAUTHENTICATED
 * error (HTTP 401) for a malformed, forged or expired one. A bad token is never downgraded to
 * anonymous: the client believes it is signed in and must learn otherwise.
 */
export async function viewerFromAuthorization(
  verifier: TokenVerifier,
  header: string | undefined,
): Promise<Viewer | null> {
  return (await verifyAuthorization(verifier, header))?.viewer ?? null;
}

/** `viewerFromAuthorization`, with the token's expiry (a stream served with it ends then). */
export async function verifyAuthorization(
  verifier: TokenVerifier,
  header: string | undefined,
): Promise<VerifiedToken | null> {
  const token = bearerToken(header);
  if (token === undefined) return null;
  if (token === null) {
    throw new AppError(
      'Authorization header must be "Bearer <token>"',
      'UNAUTHENTICATED',
      HTTP_401,
    );
  }
  try {
    return await verifier.verify(token);
  } catch {
    throw new AppError('Invalid or expired token', 'UNAUTHENTICATED', HTTP_401);
  }
}
