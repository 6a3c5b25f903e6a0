import { jwtVerify } from 'jose';
import { ROLES, type Role, TOKEN_AUDIENCE, TOKEN_ISSUER, type Viewer } from './viewer.ts';

export interface TokenVerifierOptions {
  /** HS256 key, the same the accounts subgraph signs with. */
  secret: string;
  /** Allowed clock skew between services; default 5 s. */
  clockToleranceSeconds?: number;
}

export interface TokenVerifier {
  /** The token's viewer; rejects on a bad signature, algorithm, issuer, audience or expiry. */
  verify(token: string): Promise<Viewer>;
}

export function createTokenVerifier({
  secret,
  clockToleranceSeconds = 5,
}: TokenVerifierOptions): TokenVerifier {
  const key = new TextEncoder().encode(secret);
  return {
    async verify(token) {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'], // never 'none', never an algorithm the token picks
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: clockToleranceSeconds,
      });
      const role = payload.role;
      if (typeof payload.sub !== 'string' || !isRole(role)) {
        throw new Error('token claims are incomplete');
      }
      const apiKeyId = typeof payload.akid === 'string' ? payload.akid : undefined;
      return { userId: payload.sub, role, ...(apiKeyId ? { apiKeyId } : {}) };
    },
  };
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
