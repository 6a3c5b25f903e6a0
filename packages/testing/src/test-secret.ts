import { randomUUID } from 'node:crypto';
import { createTokenIssuer, type Role } from '@travel/auth';

/**
 * The one JWT secret of every test: subgraphs, the router and the stack started by tests all
 * trust it, so a token minted for one works for the others. HS256 wants at least 32 bytes.
 */
export const TEST_JWT_SECRET = 'travel-test-jwt-secret-at-least-32-characters';

const issuer = createTokenIssuer({ secret: TEST_JWT_SECRET });

/** A token as accounts would sign it with the test secret, for a fresh user id unless given. */
export function tokenFor(role: Role, userId: string = randomUUID()): Promise<string> {
  return issuer.issue({ userId, role });
}
